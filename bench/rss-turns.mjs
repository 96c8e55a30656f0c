// The bot's own resident memory, measured in a process of its own (`node [npm start's flags] bench/rss-turns.mjs
// DATA_DIR ROUNDS`): the compiled bot (dist/, as `npm start` runs it), its model loaded from the cache the bench trained in
// DATA_DIR, then the same turns as the bench's SQLite run (one warm-up pass, ROUNDS passes one chat at a
// time, the same again 32 chats at once). No tsx, no training, no node-nlp baseline in this process: what a
// running bot holds. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dataDir, roundsArg] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: node bench/rss-turns.mjs DATA_DIR ROUNDS');
const rounds = Number(roundsArg ?? 20);
const dist = new URL('../dist/', import.meta.url);
const { ROOT, buildClassifier, createApp, loadKnowledgeFiles } = await import(new URL('app.js', dist).href);
const { parseConfig } = await import(new URL('config.js', dist).href);
const { silentLogger } = await import(new URL('lib/log.js', dist).href);
const { createSqliteStore } = await import(new URL('store/store.js', dist).href);

const config = parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const { office, locales } = loadKnowledgeFiles(config);
const classifier = buildClassifier(config, office);
if (!classifier.fromCache) throw new Error(`no cached model in ${dataDir}: the bench trains it first`);
const store = createSqliteStore(join(dataDir, 'rss'));
const bot = createApp(config, silentLogger(), { office, locales, classifier, store }).conversation;
const base = JSON.parse(readFileSync(join(ROOT, 'test/nlu/heldout.json'), 'utf8')).items.map((i) => i.text);

let turns = 0;
for (const [i, text] of base.entries()) await bot.turn({ userKey: `rss:warm${i % 50}`, text });
turns += base.length;
for (let r = 0; r < rounds; r++) {
  for (const [i, text] of base.entries()) await bot.turn({ userKey: `rss:${(r * base.length + i) % 500}`, text });
  turns += base.length;
}
const utterances = Array.from({ length: rounds }, () => base).flat();
let next = 0;
await Promise.all(
  Array.from({ length: 32 }, async (_, w) => {
    while (next < utterances.length) {
      const i = next++;
      await bot.turn({ userKey: `rss:c${w}:${i % 16}`, text: utterances[i] });
    }
  }),
);
turns += utterances.length;
const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
const { rss, heapUsed, heapTotal } = process.memoryUsage();
const out = { turns, rssMb: mb(rss), peakRssMb: mb(process.resourceUsage().maxRSS * 1024), heapUsedMb: mb(heapUsed), heapTotalMb: mb(heapTotal) };
await store.close();
process.stdout.write(`${JSON.stringify(out)}\n`);
