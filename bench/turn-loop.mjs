// A turn loop to profile: `npm run build && node --cpu-prof bench/turn-loop.mjs [sqlite|memory] [seconds]`.
// The bench's whole turns on the compiled bot (so the profile has the real lines of dist/), one chat at a
// time, alternating with passes of bare classification as the bench does, for a fixed time; nothing else
// runs in the process. MODEL_DIR keeps the trained model between runs (else it trains in a temp folder).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url);
const { ROOT, buildClassifier, createApp, loadKnowledgeFiles } = await import(new URL('app.js', dist).href);
const { parseConfig } = await import(new URL('config.js', dist).href);
const { silentLogger } = await import(new URL('lib/log.js', dist).href);
const { createMemoryStore, createSqliteStore } = await import(new URL('store/store.js', dist).href);

const kind = process.argv[2] ?? 'sqlite';
const seconds = Number(process.argv[3] ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'layanan-loop-'));
const config = parseConfig({ DATA_DIR: process.env.MODEL_DIR ?? dir, LOG_LEVEL: 'silent' });
const { office, locales } = loadKnowledgeFiles(config);
const classifier = buildClassifier(config, office);
const store = kind === 'memory' ? createMemoryStore() : createSqliteStore(join(dir, 'store'));
const bot = createApp(config, silentLogger(), { office, locales, classifier, store }).conversation;
const base = JSON.parse(readFileSync(join(ROOT, 'test/nlu/heldout.json'), 'utf8')).items.map((i) => i.text);
for (let w = 0; w < 3; w++) for (const [i, text] of base.entries()) await bot.turn({ userKey: `warm${i % 50}`, text });

let turns = 0;
let turnMs = 0;
let classifyMs = 0;
const until = performance.now() + seconds * 1000;
while (performance.now() < until) {
  let t0 = performance.now();
  for (const [i, text] of base.entries()) await bot.turn({ userKey: `u:${(turns + i) % 500}`, text });
  turnMs += performance.now() - t0;
  turns += base.length;
  t0 = performance.now();
  for (const text of base) classifier.classify(text);
  classifyMs += performance.now() - t0;
}
const us = (ms) => ((ms * 1000) / turns).toFixed(1);
process.stdout.write(`${kind}: ${turns} turns, ${us(turnMs)} µs a turn, ${us(classifyMs)} µs a classification → ${(turnMs / classifyMs).toFixed(2)}×; resident ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB\n`);
await store.close();
rmSync(dir, { recursive: true, force: true });
