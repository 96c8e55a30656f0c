import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CorpusError, loadCorpora, loadCorpusFile, parseCorpus } from '../../../src/nlu/corpus.js';
import { heldoutSchema } from '../../../src/nlu/eval.js';
import { normalise } from '../../../src/nlu/normalise.js';
import { INTENTS } from '../../../src/nlu/types.js';
import heldoutJson from '../../nlu/heldout.json' with { type: 'json' };
import freshJson from '../../nlu/heldout-fresh.json' with { type: 'json' };
import testJson from '../../nlu/heldout-test.json' with { type: 'json' };

const intentsDir = fileURLToPath(new URL('../../../intents/', import.meta.url));

describe('corpus schema', () => {
  it('loads the shipped corpora with every intent, 30+ utterances each in Indonesian', () => {
    const corpora = loadCorpora(intentsDir);
    expect(new Set(corpora.map((c) => c.locale))).toEqual(new Set(['en', 'id']));
    // The hand-written corpus (intents/id.json) holds every intent; the written-blind files add to it.
    const id = parseCorpus(JSON.parse(readFileSync(join(intentsDir, 'id.json'), 'utf8')), 'intents/id.json');
    expect(id?.data.map((d) => d.intent).sort()).toEqual([...INTENTS].sort());
    for (const d of id?.data ?? []) expect(d.utterances.length, d.intent).toBeGreaterThanOrEqual(30);
  });

  it('rejects an unknown intent, naming the file and the path', () => {
    const bad = { name: 'x', locale: 'id', data: [{ intent: 'greeting', utterances: ['halo'] }, { intent: 'greetings', utterances: ['hai'] }] };
    expect(() => parseCorpus(bad, 'intents/bad.json')).toThrow(CorpusError);
    expect(() => parseCorpus(bad, 'intents/bad.json')).toThrow(/intents\/bad\.json.*data\[1\]\.intent.*unknown intent "greetings"/);
  });

  it('rejects empty utterance lists and blank utterances', () => {
    expect(() => parseCorpus({ name: 'x', locale: 'id', data: [{ intent: 'thanks', utterances: [] }] }, 'f.json')).toThrow(
      /f\.json.*data\[0\]\.utterances/,
    );
    expect(() => parseCorpus({ name: 'x', locale: 'id', data: [{ intent: 'thanks', utterances: ['ok', '  '] }] }, 'f.json')).toThrow(
      /data\[0\]\.utterances\[1\]: empty utterance/,
    );
  });

  it('rejects a file that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"name": ');
    expect(() => loadCorpusFile(file)).toThrow(/broken\.json.*not readable JSON/);
  });
});

describe('held-out set', () => {
  const heldout = heldoutSchema.parse(heldoutJson);

  // The intents added for issue 10 came after this set was written (only its referral items were relabelled);
  // they are measured on the blind development set (test/nlu/blind/) instead.
  const LATER: ReadonlySet<string> = new Set(['ack', 'office.staffing', 'permit.pickup', 'referral', 'application.stalled']);

  it('has >= 200 items, >= 8 per intent it was written for and >= 35 out-of-scope', () => {
    expect(heldout.items.length).toBeGreaterThanOrEqual(200);
    for (const intent of INTENTS.filter((i) => !LATER.has(i))) {
      const n = heldout.items.filter((i) => i.intent === intent).length;
      expect(n, intent).toBeGreaterThanOrEqual(intent === 'None' ? 35 : 8);
    }
  });

  // The blind sets (written from the public facts only, never trained on). The test-* halves and the test3-* sets
  // were each scored once for a report and are development data from 2026-12-02: the corpus utterances that
  // happened to equal their items were taken out then, and none may come back.
  const BLIND = fileURLToPath(new URL('../../../test/nlu/blind/', import.meta.url));
  // Sets folded into training (their in-domain items, by scripts/fold-written-sets.ts) are training data now.
  const written = JSON.parse(readFileSync(join(BLIND, 'folded.json'), 'utf8')) as { folded: string[] };
  const folded = new Set(written.folded.map((s) => `${s}-utterances.json`));
  const blind = ['dev-utterances.json', 'dev-out-of-scope.json', 'test-utterances.json', 'test-out-of-scope.json', 'test3-utterances.json', 'test3-out-of-scope.json', 'test4-utterances.json', 'test4-out-of-scope.json', 'test5-utterances.json', 'test5-out-of-scope.json', 'test6-utterances.json', 'test6-out-of-scope.json', 'test8-utterances.json', 'test8-out-of-scope.json', 'test9-utterances.json', 'test9-out-of-scope.json', 'test10-utterances.json', 'test10-out-of-scope.json', 'test11-utterances.json', 'test11-out-of-scope.json', 'test12-utterances.json', 'test12-out-of-scope.json', 'test13-utterances.json', 'test13-out-of-scope.json', 'test14-utterances.json', 'test14-out-of-scope.json', 'test15-utterances.json', 'test15-out-of-scope.json', 'test16-utterances.json', 'test16-out-of-scope.json', 'test17-utterances.json', 'test17-out-of-scope.json', 'test18-utterances.json', 'test18-out-of-scope.json', 'test19-utterances.json', 'test19-out-of-scope.json', 'test20-utterances.json', 'test20-out-of-scope.json', 'test21-utterances.json', 'test21-out-of-scope.json', 'test22-utterances.json', 'test22-out-of-scope.json', 'test23-utterances.json', 'test23-out-of-scope.json', 'test24-utterances.json', 'test24-out-of-scope.json', 'test25-utterances.json', 'test25-out-of-scope.json', 'test26-utterances.json', 'test26-out-of-scope.json']
    .filter((f) => !folded.has(f))
    .map((f) => join(BLIND, f))
    .filter((f) => existsSync(f))
    .map((f): [string, unknown] => [f, JSON.parse(readFileSync(f, 'utf8'))]);

  it.each<[string, unknown]>([
    ['heldout.json', heldoutJson],
    ['heldout-fresh.json', freshJson],
    ['heldout-test.json', testJson],
    ...blind,
  ])('%s shares no utterance with the training corpora (after normalisation)', (_name, json) => {
    const training = new Set(loadCorpora(intentsDir).flatMap((c) => c.data.flatMap((d) => d.utterances.map(normalise))));
    const leaked = heldoutSchema.parse(json).items.filter((i) => training.has(normalise(i.text))).map((i) => i.text);
    expect(leaked).toEqual([]);
  });

  // The blind conversation suites: no sentence a citizen says there (three words or more: "ya", "mau komplain"
  // are everyone's) is a training utterance.
  const CONV = fileURLToPath(new URL('../../../test/conv/blind/', import.meta.url));
  it.each(['dev.json', 'test.json', 'test3.json', 'test4.json', 'test5.json', 'test7.json', 'test8.json', 'test9.json', 'test10.json', 'test11.json', 'test12.json', 'test13.json', 'test14.json', 'test15.json', 'test16.json', 'test17.json', 'test18.json', 'test19.json', 'test20.json', 'test21.json', 'test22.json', 'test23.json', 'test24.json', 'test25.json', 'test26.json'].map((f) => join(CONV, f)).filter((f) => existsSync(f)))('%s shares no sentence with the training corpora', (file) => {
    const training = new Set(loadCorpora(intentsDir).flatMap((c) => c.data.flatMap((d) => d.utterances.map(normalise))));
    const suite = JSON.parse(readFileSync(file, 'utf8')) as { conversations: { turns: { say: string }[] }[] };
    const says = suite.conversations.flatMap((c) => c.turns.map((t) => t.say)).filter((s) => normalise(s).split(' ').length >= 3);
    expect(says.filter((s) => training.has(normalise(s)))).toEqual([]);
  });
});
