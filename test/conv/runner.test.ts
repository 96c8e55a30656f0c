/**
 * The conversation evaluation: the judge on hand-made observations, and the runner on the committed sample
 * suite through the real app (its one deliberately wrong expectation must be reported as a failure).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeFiles } from '../../src/app.js';
import { formatReport, judgeTurn, Suite, topicsOfKey, TOPICS, TOPIC_KEYS, type Expectation, type StateSnapshot } from '../../src/eval/conv.js';
import { officeFor, runSuite } from '../../src/eval/run.js';
import { loadLocales } from '../../src/kernel/locale.js';
import { testClassifier, testConfig } from '../support/app.js';

const state = (over: Partial<StateSnapshot> = {}): StateSnapshot => ({ subscribed: false, complaints: 0, consultations: undefined, form: 'none', ...over });
const obs = (keys: string[], texts: string[] = [], before = state(), after = state()) => ({ keys, texts, before, after });

describe('judge', () => {
  it('judges a topic by the reply keys, exact or by prefix', () => {
    expect(topicsOfKey('closure.duration')).toContain('closure_until');
    expect(topicsOfKey('referral.one')).toEqual(['referral']);
    expect(topicsOfKey('subscribe.offer')).toEqual([]);
    const e: Expectation[] = [{ kind: 'topic', is: 'forms' }];
    expect(judgeTurn(e, obs(['form.one'])).failures).toEqual([]);
    expect(judgeTurn(e, obs(['fallback.first'])).failures).toEqual(['topic forms']);
    expect(judgeTurn([{ kind: 'topic', oneOf: ['ack', 'thanks'] }], obs(['thanks'])).failures).toEqual([]);
  });

  it('every topic is shown by some locale key that exists', () => {
    const { id } = loadLocales(new URL('../../locales/', import.meta.url).pathname);
    for (const topic of TOPICS) {
      const keys = TOPIC_KEYS[topic];
      expect(keys.some((k) => (k.endsWith('.') ? [...id.keys()].some((x) => x.startsWith(k)) : id.has(k))), topic).toBe(true);
    }
  });

  it('judges mentions case-insensitively across replies, and not_mentions', () => {
    const o = obs([], ['Formulir PBG: http://x/formulir-pendaftaran-izin', 'Facebook']);
    expect(judgeTurn([{ kind: 'mentions', text: 'pbg' }, { kind: 'mentions', text: 'facebook' }], o).failures).toEqual([]);
    expect(judgeTurn([{ kind: 'not_mentions', text: 'Facebook' }], o).failures).toEqual(['does not mention "Facebook"']);
  });

  it('judges state after the turn and no_state_change against before', () => {
    const after = state({ subscribed: true, complaints: 1, form: 'complaint' });
    const o = obs([], [], state(), after);
    expect(judgeTurn([{ kind: 'state', subscribed: true, complaint_stored: true, form: 'complaint' }], o).failures).toEqual([]);
    expect(judgeTurn([{ kind: 'state', form: 'none' }], o).failures).toEqual(['form: none']);
    expect(judgeTurn([{ kind: 'no_state_change' }], o).failures).toEqual(['no state change']);
    // An open form is no stored change.
    expect(judgeTurn([{ kind: 'no_state_change' }], obs([], [], state(), state({ form: 'complaint' }))).failures).toEqual([]);
  });

  it('skips what the application cannot show (no consultation feature), with the reason', () => {
    const v = judgeTurn([{ kind: 'state', consultation_stored: true, form: 'consultation' }], obs([]));
    expect(v.failures).toEqual([]);
    expect(v.skipped).toHaveLength(2);
  });

  it('rejects a topic expectation with both or neither of is / oneOf', () => {
    const conv = (expect: unknown) => ({ description: '', conversations: [{ id: 'x', channel: 'telegram', turns: [{ say: 'a', expect: [expect] }] }] });
    expect(Suite.safeParse(conv({ kind: 'topic' })).success).toBe(false);
    expect(Suite.safeParse(conv({ kind: 'topic', is: 'menu', oneOf: ['menu'] })).success).toBe(false);
    expect(Suite.safeParse(conv({ kind: 'topic', is: 'nonsense' })).success).toBe(false);
  });
});

describe('runner', () => {
  it('sets up the closure a conversation asks for', () => {
    const { office } = loadKnowledgeFiles(testConfig());
    expect(officeFor(office, 'partial').closure.closedServices).toEqual(['permit', 'field_verification']);
    expect(officeFor(office, 'open').closure.closedServices).toEqual([]);
    expect(officeFor(office, 'all')).toBe(office);
  });

  it('scores the committed sample suite through the real app: every turn right but the deliberately wrong one', async () => {
    const { office, locales } = loadKnowledgeFiles(testConfig());
    const suite = Suite.parse(JSON.parse(readFileSync(new URL('./sample.json', import.meta.url), 'utf8')));
    const report = await runSuite({ office, locales, classifier: testClassifier() }, suite);
    expect(report.turns).toBe(25);
    expect(report.failures.map((f) => `${f.conversation}#${f.turn}`)).toEqual(['s008#2']);
    expect(report.right).toBe(24);
    const text = formatReport(report);
    expect(text).toContain('✗ s008 turn 2: "👍"');
    expect(text).toContain('expected: topic complaint_filed');
    expect(text).toContain('got: [ack]');
    // Consultations are judged from the store (s009 stores one), never skipped.
    expect(report.skipped).toEqual({});
    expect(text).toContain('turns right: 24/25 (96.0%)');
  });
});
