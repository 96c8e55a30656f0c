/**
 * Whole turns through the engine with the SQLite store, against bare classification of the same utterances
 * in the same run (our classifier alone, and node-nlp's own NlpManager.process() pipeline).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, buildClassifier, createApp, loadKnowledgeFiles } from '../src/app.js';
import type { Channel } from '../src/kernel/channel.js';
import { renderReplies } from '../src/channels/telegram/render.js';
import { parseConfig } from '../src/config.js';
import { silentLogger } from '../src/lib/log.js';
import { officeTerms } from '../src/kernel/office-terms.js';
import { createClassifier } from '../src/nlu/classifier.js';
import { loadCorpora } from '../src/nlu/corpus.js';
import { createMemoryStore, createSqliteStore, type Store } from '../src/store/store.js';
import { buildOnce } from '../scripts/build.mjs';
import { runStats, timeConcurrent, timeEach, type RunStats } from './stats.js';

/**
 * Passes over the utterances before timing: the first pass alone leaves the turn's code (forms, replies,
 * the store's path) still being optimised by V8 during the timed passes of whichever store runs first.
 */
const WARM_PASSES = 3;

/** The held-out utterances: realistic, and not the training set. */
export function benchUtterances(): string[] {
  const raw = JSON.parse(readFileSync(join(ROOT, 'test/nlu/heldout.json'), 'utf8')) as { items: { text: string }[] };
  return raw.items.map((i) => i.text);
}

/** Results of the engine benchmark. */
export interface EngineBench {
  coldTrainMs: number;
  cachedLoadMs: number;
  /** One message at a time: the latency of a turn (SQLite, the default better-sqlite3 driver). */
  turns: RunStats;
  /** 32 chats at once, each chat's messages in order: throughput as the service runs. */
  turnsConcurrent: RunStats;
  /** The same with the asynchronous driver (`@keyv/sqlite` over sqlite3), the default before. */
  turnsAsyncSqlite: RunStats;
  turnsAsyncSqliteConcurrent: RunStats;
  /** The same on the in-memory store: what the turn costs besides storing. */
  turnsMemory: RunStats;
  /** A turn whose answer is stored and then delivered by the durable sender (SQLite), and its ratio. */
  durable: { turns: RunStats; ratio: number };
  /**
   * A turn's mean time over a classification's, each store's turns timed in passes alternating with passes
   * of bare classification over the same utterances: a load that comes and goes (a shared machine) weighs on
   * both sides alike.
   */
  ratio: { sync: number; async: number; memory: number };
  /**
   * The same from the CPU time of those passes (this process's, all its threads): what a turn costs the
   * machine against a classification, unmoved by the time the process waits for a core on a loaded machine
   * (which the turns' wall times, and so the ratio above, take in unevenly).
   */
  cpuRatio: { sync: number; async: number; memory: number };
  classify: RunStats;
  /** The same classifier given the office catalogue, so each classification also finds the permits and services named. */
  classifyWithEntities: RunStats;
  /** Resident memory of this process after the default (better-sqlite3) runs, before the other stores and node-nlp's baseline. */
  rssMb: number;
  /**
   * The bot's own resident memory: a process of its own running the compiled bot (as `npm start` does) with
   * the model from the cache, through the same turns on SQLite (bench/rss-turns.mjs); this process also
   * holds tsx and what training left behind. Undefined (with the reason) when that process failed.
   */
  bot: { turns: number; rssMb: number; peakRssMb: number; heapUsedMb: number } | { error: string };
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

/** The node flags `npm start` runs the bot with (from package.json's start script), for processes that stand in for it. */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((arg) => arg.startsWith('--'));
}

/** The compiled bot's resident memory after the same turns, in a process of its own (see `EngineBench.bot`). */
async function botResident(dataDir: string, rounds: number): Promise<EngineBench['bot']> {
  try {
    await buildOnce();
  } catch (err) {
    return { error: `no compiled bot: ${err instanceof Error ? err.message : String(err)}` };
  }
  const res = spawnSync(process.execPath, [...startFlags(), join(ROOT, 'bench/rss-turns.mjs'), dataDir, String(rounds)], { cwd: ROOT, encoding: 'utf8' });
  const line = res.status === 0 ? res.stdout.trim().split('\n').pop() : undefined;
  if (!line) return { error: `bench/rss-turns.mjs failed (exit ${res.status ?? res.signal}): ${res.stderr.trim().slice(0, 300)}` };
  return JSON.parse(line) as EngineBench['bot'];
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

    const base = benchUtterances();
    const utterances = Array.from({ length: rounds }, () => base).flat();
    const cpu = (since: NodeJS.CpuUsage): number => {
      const used = process.cpuUsage(since);
      return used.user + used.system;
    };
    /**
     * The path of Telegram and WhatsApp: the turn stores its answer, then the durable sender delivers it to a
     * channel that sends nothing (two writes a piece: `sending`, then sent), timed until the answer is out.
     * Its ratio is against the classifications timed alongside, like the other rows'.
     */
    const runDurable = async (store: Store): Promise<{ turns: RunStats; ratio: number }> => {
      const app = createApp(config, silentLogger(), { office, locales, classifier, store });
      const sink: Channel = {
        name: 'bench',
        start: async () => undefined,
        stop: async () => undefined,
        send: async () => [],
        // Pieces as Telegram sends them (consecutive replies joined into one message).
        durable: { pieces: (replies) => renderReplies(replies).length, chatOf: (chat) => ({ chat, group: false }), sendPiece: async () => undefined },
      };
      app.outbox.attach(sink);
      const say = async (userKey: string, text: string) => {
        await app.host.handle({ userKey, text, replyAddress: userKey });
        await app.delivery.idle();
      };
      for (let w = 0; w < WARM_PASSES; w++) for (const [i, u] of base.entries()) await say(`bench:warm${i % 50}`, u);
      const turnTimes: number[] = [];
      const classifyTimes: number[] = [];
      for (let r = 0; r < rounds; r++) {
        for (const [i, text] of base.entries()) {
          const t0 = performance.now();
          await say(`bench:${(r * base.length + i) % 500}`, text);
          turnTimes.push(performance.now() - t0);
        }
        for (const text of base) {
          const t0 = performance.now();
          classifier.classify(text);
          classifyTimes.push(performance.now() - t0);
        }
      }
      await store.close();
      const turns = runStats(turnTimes);
      return { turns, ratio: runStats(classifyTimes).perSecond / turns.perSecond };
    };
    const run = async (store: Store, tag: string): Promise<[RunStats, RunStats, number, number]> => {
      const bot = createApp(config, silentLogger(), { office, locales, classifier, store }).conversation;
      // Warm up the tables and the JIT before timing.
      for (let w = 0; w < WARM_PASSES; w++) for (const [i, u] of base.entries()) await bot.turn({ userKey: `${tag}:warm${i % 50}`, text: u });
      const turnTimes: number[] = [];
      const classifyTimes: number[] = [];
      let turnCpu = 0;
      let classifyCpu = 0;
      for (let r = 0; r < rounds; r++) {
        let c0 = process.cpuUsage();
        for (const [i, text] of base.entries()) {
          const t0 = performance.now();
          await bot.turn({ userKey: `${tag}:${(r * base.length + i) % 500}`, text });
          turnTimes.push(performance.now() - t0);
        }
        turnCpu += cpu(c0);
        c0 = process.cpuUsage();
        for (const text of base) {
          const t0 = performance.now();
          classifier.classify(text);
          classifyTimes.push(performance.now() - t0);
        }
        classifyCpu += cpu(c0);
      }
      const one = runStats(turnTimes);
      const ratio = one.p50 > 0 ? runStats(classifyTimes).perSecond / one.perSecond : NaN;
      const many = await timeConcurrent(utterances, 32, (text, i, w) => bot.turn({ userKey: `${tag}:c${w}:${i % 16}`, text }));
      await store.close();
      return [one, many, ratio, turnCpu / classifyCpu];
    };
    const [turns, turnsConcurrent, sync, syncCpu] = await run(createSqliteStore(join(dir, 'sync'), 'better-sqlite3'), 'sync');
    const rssMb = process.memoryUsage().rss / 2 ** 20;
    const bot = await botResident(dir, rounds);
    const [turnsAsyncSqlite, turnsAsyncSqliteConcurrent, asyncRatio, asyncCpu] = await run(createSqliteStore(join(dir, 'async'), 'sqlite3'), 'async');
    const [turnsMemory, , memory, memoryCpu] = await run(createMemoryStore(), 'memory');
    const durable = await runDurable(createSqliteStore(join(dir, 'durable'), 'better-sqlite3'));
    const classify = await timeEach(utterances, (text) => classifier.classify(text));
    const withEntities = createClassifier({
      corpora: loadCorpora(join(ROOT, 'intents')),
      domainTerms: officeTerms(office),
      catalogue: office,
      modelCachePath: join(dir, 'nlu-model.json'),
    });
    for (const u of base) withEntities.classify(u);
    const classifyWithEntities = await timeEach(utterances, (text) => withEntities.classify(text));
    const nlpjsProcess = await nlpjsBaseline(base);
    const ratio = { sync, async: asyncRatio, memory };
    const cpuRatio = { sync: syncCpu, async: asyncCpu, memory: memoryCpu };
    return { coldTrainMs, cachedLoadMs, turns, turnsConcurrent, turnsAsyncSqlite, turnsAsyncSqliteConcurrent, turnsMemory, ratio, cpuRatio, classify, classifyWithEntities, rssMb, bot, nlpjsProcess, durable };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
