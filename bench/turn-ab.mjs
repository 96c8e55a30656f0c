// Builds compared in one process: `node --max-semi-space-size=4 bench/turn-ab.mjs memory|sqlite SECONDS DIST...`
// (e.g. a copy of an older build in dist.old-x/, and dist/). Each build gets its own bot and store; their
// passes of the bench's turns alternate (the order flipping each round), each followed by a pass of bare
// classification with that build's classifier, so a load that comes and goes on a shared machine weighs on
// every build alike. Prints per build the mean turn and classification (wall and CPU time), their ratio, the
// CPU time of a turn beyond a classification, and p50/p99 of the turns. MODEL_DIR holds the trained model.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [kind = 'memory', seconds = '20', ...dists] = process.argv.slice(2);
if (dists.length === 0) throw new Error('usage: node bench/turn-ab.mjs memory|sqlite SECONDS DIST...');
const tmp = mkdtempSync(join(tmpdir(), 'layanan-ab-'));
const modelDir = process.env.MODEL_DIR ?? tmp;
const builds = [];
for (const [n, d] of dists.entries()) {
  const dist = pathToFileURL(`${resolve(d)}/`);
  const { ROOT, buildClassifier, createApp, loadKnowledgeFiles } = await import(new URL('app.js', dist).href);
  const { parseConfig } = await import(new URL('config.js', dist).href);
  const { silentLogger } = await import(new URL('lib/log.js', dist).href);
  const { createMemoryStore, createSqliteStore } = await import(new URL('store/store.js', dist).href);
  const config = parseConfig({ DATA_DIR: modelDir, LOG_LEVEL: 'silent' });
  const { office, locales } = loadKnowledgeFiles(config);
  const classifier = buildClassifier(config, office);
  const store = kind === 'memory' ? createMemoryStore() : createSqliteStore(join(tmp, `store${n}`));
  const bot = createApp(config, silentLogger(), { office, locales, classifier, store }).conversation;
  const base = JSON.parse(readFileSync(join(ROOT, 'test/nlu/heldout.json'), 'utf8')).items.map((i) => i.text);
  builds.push({ d, bot, classifier, store, base, turnMs: 0, classifyMs: 0, turnCpu: 0, classifyCpu: 0, turns: 0, times: [] });
}
for (const b of builds) for (let w = 0; w < 3; w++) for (const [i, text] of b.base.entries()) await b.bot.turn({ userKey: `warm${i % 50}`, text });

const cpu = (since) => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};
const until = performance.now() + Number(seconds) * 1000;
for (let round = 0; performance.now() < until; round++) {
  for (const b of round % 2 === 0 ? builds : [...builds].reverse()) {
    let c0 = process.cpuUsage();
    let t0 = performance.now();
    for (const [i, text] of b.base.entries()) {
      const t = performance.now();
      await b.bot.turn({ userKey: `u:${(b.turns + i) % 500}`, text });
      b.times.push(performance.now() - t);
    }
    b.turnMs += performance.now() - t0;
    b.turnCpu += cpu(c0);
    c0 = process.cpuUsage();
    t0 = performance.now();
    for (const text of b.base) b.classifier.classify(text);
    b.classifyMs += performance.now() - t0;
    b.classifyCpu += cpu(c0);
    b.turns += b.base.length;
  }
}
const at = (xs, p) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
for (const b of builds) {
  const us = (ms) => ((ms * 1000) / b.turns).toFixed(1);
  process.stdout.write(
    `${b.d} ${kind}: ${b.turns} turns; turn ${us(b.turnMs)} µs (CPU ${(b.turnCpu / b.turns).toFixed(1)}), classification ${us(b.classifyMs)} µs (CPU ${(b.classifyCpu / b.turns).toFixed(1)}); ` +
      `${(b.turnMs / b.classifyMs).toFixed(2)}× (CPU ${(b.turnCpu / b.classifyCpu).toFixed(2)}×); beyond a classification CPU ${((b.turnCpu - b.classifyCpu) / b.turns).toFixed(1)} µs; ` +
      `p50 ${(at(b.times, 0.5) * 1000).toFixed(0)} µs, p99 ${(at(b.times, 0.99) * 1000).toFixed(0)} µs\n`,
  );
  await b.store.close();
}
rmSync(tmp, { recursive: true, force: true });
