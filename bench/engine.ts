/**
 * Whole turns through the engine with the SQLite store, against bare classification of the same utterances
 * in the same run (our classifier alone, and node-nlp's own NlpManager.process() pipeline).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, buildClassifier, loadKnowledgeFiles } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { officeTerms } from '../src/knowledge/office-terms.js';
import { createClassifier } from '../src/nlu/classifier.js';
import { loadCorpora } from '../src/nlu/corpus.js';
import { Bot } from '../src/runtime/bot.js';
import { createSqliteStore } from '../src/store/store.js';
import { timeConcurrent, timeEach, type RunStats } from './stats.js';

/** The held-out utterances: realistic, and not the training set. */
export function benchUtterances(): string[] {
  const raw = JSON.parse(readFileSync(join(ROOT, 'test/nlu/heldout.json'), 'utf8')) as { items: { text: string }[] };
  return raw.items.map((i) => i.text);
}

/** Results of the engine benchmark. */
export interface EngineBench {
  coldTrainMs: number;
  cachedLoadMs: number;
  /** One message at a time: the latency of a turn. */
  turns: RunStats;
  /** 32 chats at once, each chat's messages in order: throughput as the service runs. */
  turnsConcurrent: RunStats;
  classify: RunStats;
  /** The same classifier given the office catalogue, so each classification also finds the permits and services named. */
  classifyWithEntities: RunStats;
  /** Resident memory after the engine runs, before the node-nlp baseline is built. */
  rssMb: number;
  nlpjsProcess: RunStats | undefined;
}

interface NlpManagerLike {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<void>;
  process(locale: string, utterance: string): Promise<unknown>;
}

/** node-nlp's standard pipeline trained on the same corpora: the baseline a node-nlp bot would run. */
async function nlpjsBaseline(utterances: string[]): Promise<RunStats | undefined> {
  const require = createRequire(import.meta.url);
  const { NlpManager } = require('node-nlp') as { NlpManager: new (o: object) => NlpManagerLike };
  const manager = new NlpManager({ languages: ['id', 'en'], forceNER: true, autoSave: false, nlu: { log: false } });
  for (const corpus of loadCorpora(join(ROOT, 'intents'))) {
    for (const d of corpus.data) for (const u of d.utterances) manager.addDocument(corpus.locale.slice(0, 2), u, d.intent);
  }
  await manager.train();
  return timeEach(utterances, (u) => manager.process('id', u));
}

/** Run the engine benchmark on `rounds` passes over the held-out utterances. */
export async function benchEngine(rounds = 20): Promise<EngineBench> {
  const dir = mkdtempSync(join(tmpdir(), 'layanan-bench-'));
  try {
    const config = parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
    const { office, locales } = loadKnowledgeFiles(config);
    let t0 = performance.now();
    buildClassifier(config, office); // cold: trains and writes the cache
    const coldTrainMs = performance.now() - t0;
    t0 = performance.now();
    const classifier = buildClassifier(config, office); // warm: what every later start does
    const cachedLoadMs = performance.now() - t0;

    const store = createSqliteStore(dir);
    const bot = new Bot({ config, office, locales, classifier, store, log: silentLogger() });
    const base = benchUtterances();
    const utterances = Array.from({ length: rounds }, () => base).flat();
    // Warm up the SQLite tables and JIT before timing.
    for (const u of base.slice(0, 50)) await bot.turn({ userKey: 'bench:warm', text: u });
    const turns = await timeEach(utterances, (text, i) => bot.turn({ userKey: `bench:${i % 500}`, text }));
    const turnsConcurrent = await timeConcurrent(utterances, 32, (text, i, w) =>
      bot.turn({ userKey: `bench:c${w}:${i % 16}`, text }),
    );
    const classify = await timeEach(utterances, (text) => classifier.classify(text));
    const rssMb = process.memoryUsage().rss / 2 ** 20;
    // After the memory reading, so the figure stays the bot's own (one classifier).
    const withEntities = createClassifier({
      corpora: loadCorpora(join(ROOT, 'intents')),
      domainTerms: officeTerms(office),
      catalogue: office,
      modelCachePath: join(dir, 'nlu-model.json'),
    });
    for (const u of base) withEntities.classify(u);
    const classifyWithEntities = await timeEach(utterances, (text) => withEntities.classify(text));
    const nlpjsProcess = await nlpjsBaseline(base);
    await store.close();
    return { coldTrainMs, cachedLoadMs, turns, turnsConcurrent, classify, classifyWithEntities, rssMb, nlpjsProcess };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
