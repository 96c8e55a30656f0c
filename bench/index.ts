/**
 * `npm run bench`: speed and memory as figures and as ratios against a baseline run in the same process.
 * Nothing here is asserted; the aims are printed beside the figures for a person to judge.
 */
import { availableParallelism, loadavg } from 'node:os';
import { benchBroadcast } from './broadcast.js';
import { benchEngine } from './engine.js';
import { f, type RunStats } from './stats.js';
import { benchStartup } from './startup.js';

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 20);
  const load = loadavg().map((l) => f(l, 2)).join(', ');
  console.log(`layanan-bot bench — node ${process.version}, ${rounds} passes over the held-out utterances; load average ${load} on ${availableParallelism()} cores\n`);

  const e = await benchEngine(rounds);
  const row = (label: string, r: RunStats, ratio?: number, cpuRatio?: number, aim = '') =>
    console.log(
      `  ${label}: ${f(r.perSecond, 0)} turns/s, p50 ${f(r.p50, 3)} ms, p99 ${f(r.p99, 3)} ms${ratio === undefined ? '' : ` → ${f(ratio, 1)}× a classification`}${cpuRatio === undefined ? '' : ` (CPU time ${f(cpuRatio, 1)}×)`}${aim}`,
    );
  console.log('whole turns (lock → session (in-memory read cache) → normalise → classify → step → durable session write → reply);');
  console.log('after 3 warm-up passes, one at a time, in passes alternating with passes of bare classification (the ratio compares those):');
  console.log(' SQLite, better-sqlite3 (the default: synchronous, committed before the reply):');
  row('one message at a time', e.turns, e.ratio.sync, e.cpuRatio.sync, '   (aim ≥ 5000/s, ≤ 3×, p99 < 2 ms)');
  row('32 chats at once     ', e.turnsConcurrent);
  console.log(' SQLite, @keyv/sqlite over sqlite3 (asynchronous; the default before):');
  row('one message at a time', e.turnsAsyncSqlite, e.ratio.async, e.cpuRatio.async);
  row('32 chats at once     ', e.turnsAsyncSqliteConcurrent);
  console.log(' in-memory store (no durable write: the rest of the turn):');
  row('one message at a time', e.turnsMemory, e.ratio.memory, e.cpuRatio.memory);
  console.log(' durable answer (Telegram): the turn stores its answer, the sender delivers it as Telegram messages (2 writes each), SQLite:');
  row('one message at a time', e.durable.turns, e.durable.ratio);
  console.log('baseline, same utterances, same process:');
  console.log(`  our classifier alone: ${f(e.classify.perSecond, 0)}/s (${f(1e6 / e.classify.perSecond, 1)} µs/message), p50 ${f(e.classify.p50, 3)} ms, p99 ${f(e.classify.p99, 3)} ms   (aim < 100 µs)`);
  console.log(`  with catalogue entities (forms, services): ${f(e.classifyWithEntities.perSecond, 0)}/s (${f(1e6 / e.classifyWithEntities.perSecond, 1)} µs/message), p50 ${f(e.classifyWithEntities.p50, 3)} ms, p99 ${f(e.classifyWithEntities.p99, 3)} ms`);
  console.log(`  → the durable write costs ${f(1000 / e.turns.perSecond - 1000 / e.turnsMemory.perSecond, 3)} ms a turn with better-sqlite3, ${f(1000 / e.turnsAsyncSqlite.perSecond - 1000 / e.turnsMemory.perSecond, 3)} ms with sqlite3`);
  if (e.nlpjsProcess) {
    console.log(`  node-nlp NlpManager.process() (its standard pipeline, built-in NER): ${f(e.nlpjsProcess.perSecond, 0)}/s, p50 ${f(e.nlpjsProcess.p50, 3)} ms, p99 ${f(e.nlpjsProcess.p99, 3)} ms`);
    console.log(`  → a whole turn is ${f(e.turns.perSecond / e.nlpjsProcess.perSecond, 1)}× the throughput of bare node-nlp process()`);
  }
  console.log('\nmodel:');
  console.log(`  train (cold, no cache): ${f(e.coldTrainMs, 0)} ms; load from cache: ${f(e.cachedLoadMs, 0)} ms`);

  const s = await benchStartup();
  console.log('\nstart-up to first reply and exit, and peak resident memory of that process:');
  for (const r of s.rows) {
    console.log(`  ${r.label}:`);
    console.log(`    cold (trains the model): ${f(r.cold.ms, 0)} ms, ${f(r.cold.rssMb, 0)} MB; warm (cached model): ${f(r.warm.ms, 0)} ms, ${f(r.warm.rssMb, 0)} MB   (aim < 1500 ms)`);
  }
  const [now, before] = s.rows;
  if (now && before) {
    console.log(`  → compiled warm start is ${f(now.warm.ms / before.warm.ms, 2)}× the tsx start's time and ${f(now.warm.rssMb / before.warm.rssMb, 2)}× its memory`);
    console.log(`  bare \`node -e 0\`: ${f(s.node.ms, 0)} ms, ${f(s.node.rssMb, 0)} MB → compiled warm start is ${f(now.warm.ms / s.node.ms, 1)}× an empty node process`);
  }

  console.log('\nbroadcast to Telegram subscribers against the fake Bot API (global limit + 1/s per chat, 429s):');
  for (const r of (await benchBroadcast()).rows) {
    console.log(`  ${r.label}: ${r.subscribers} in ${f(r.seconds, 1)} s, ${f(r.achieved, 1)}/s of ${r.configuredRate}/s configured → ratio ${f(r.ratio, 3)}   (aim ≥ 0.9)`);
    console.log(`    busiest second ${r.maxPerSecond} (limit ${r.limit}), 429s ${r.rateLimited}, chats with 2+ messages ${r.duplicates}   (aim: ≤ limit, 0, 0)`);
  }

  console.log('\nmemory:');
  console.log(`  this process, after its SQLite runs (tsx, the cold training's leftovers, two models; before the other stores and the node-nlp baseline): ${f(e.rssMb, 0)} MB`);
  if ('error' in e.bot) console.log(`  the bot alone: not measured (${e.bot.error})`);
  else {
    console.log(`  the bot alone (compiled, as npm start runs it, model from the cache; a process of its own doing the same ${e.bot.turns} turns on SQLite):`);
    console.log(`    resident ${f(e.bot.rssMb, 0)} MB, peak ${f(e.bot.peakRssMb, 0)} MB (JS heap in use ${f(e.bot.heapUsedMb, 0)} MB)   (aim < 150 MB)`);
  }
  console.log(`  resident at the end (with node-nlp's NlpManager baseline loaded): ${f(process.memoryUsage().rss / 2 ** 20, 0)} MB`);
}

main()
  .then(() => console.log(`\nload average at the end: ${loadavg().map((l) => f(l, 2)).join(', ')}`))
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
