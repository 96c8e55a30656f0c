/**
 * `npm run bench`: speed and memory as figures and as ratios against a baseline run in the same process.
 * Nothing here is asserted; the aims are printed beside the figures for a person to judge.
 */
import { benchBroadcast } from './broadcast.js';
import { benchEngine } from './engine.js';
import { f } from './stats.js';
import { benchStartup } from './startup.js';

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 20);
  console.log(`layanan-bot bench — node ${process.version}, ${rounds} passes over the held-out utterances\n`);

  const e = await benchEngine(rounds);
  console.log('whole turns (lock → session (in-memory read cache) → normalise → classify → step → SQLite session write):');
  console.log(`  one message at a time: ${f(e.turns.perSecond, 0)} turns/s, p50 ${f(e.turns.p50, 3)} ms, p99 ${f(e.turns.p99, 3)} ms   (aim p99 < 5 ms)`);
  console.log(`  32 chats at once:      ${f(e.turnsConcurrent.perSecond, 0)} turns/s, p50 ${f(e.turnsConcurrent.p50, 3)} ms, p99 ${f(e.turnsConcurrent.p99, 3)} ms   (aim ≥ 2000/s on one core)`);
  console.log('baseline, same utterances, same process:');
  console.log(`  our classifier alone: ${f(e.classify.perSecond, 0)}/s (${f(1e6 / e.classify.perSecond, 1)} µs/message), p50 ${f(e.classify.p50, 3)} ms, p99 ${f(e.classify.p99, 3)} ms   (aim < 100 µs)`);
  console.log(`  with catalogue entities (forms, services): ${f(e.classifyWithEntities.perSecond, 0)}/s (${f(1e6 / e.classifyWithEntities.perSecond, 1)} µs/message), p50 ${f(e.classifyWithEntities.p50, 3)} ms, p99 ${f(e.classifyWithEntities.p99, 3)} ms`);
  console.log(`  → a whole turn costs ${f(e.classify.perSecond / e.turns.perSecond, 1)}× a bare classification`);
  if (e.nlpjsProcess) {
    console.log(`  node-nlp NlpManager.process() (its standard pipeline, built-in NER): ${f(e.nlpjsProcess.perSecond, 0)}/s, p50 ${f(e.nlpjsProcess.p50, 3)} ms, p99 ${f(e.nlpjsProcess.p99, 3)} ms`);
    console.log(`  → a whole turn is ${f(e.turns.perSecond / e.nlpjsProcess.perSecond, 1)}× the throughput of bare node-nlp process()`);
  }
  console.log('\nmodel:');
  console.log(`  train (cold, no cache): ${f(e.coldTrainMs, 0)} ms; load from cache: ${f(e.cachedLoadMs, 0)} ms`);

  const s = benchStartup();
  console.log('\nstart-up of the npm start program to first reply and exit (tsx + main.ts):');
  console.log(`  cold (trains the model): ${f(s.coldMs, 0)} ms; warm (cached model): ${f(s.warmMs, 0)} ms   (aim < 1500 ms)`);
  console.log(`  bare \`node -e 0\`: ${f(s.nodeMs, 0)} ms → warm start is ${f(s.warmMs / s.nodeMs, 1)}× an empty node process`);

  console.log('\nbroadcast to Telegram subscribers against the fake Bot API (global limit + 1/s per chat, 429s):');
  for (const r of (await benchBroadcast()).rows) {
    console.log(`  ${r.label}: ${r.subscribers} in ${f(r.seconds, 1)} s, ${f(r.achieved, 1)}/s of ${r.configuredRate}/s configured → ratio ${f(r.ratio, 3)}   (aim ≥ 0.9)`);
    console.log(`    busiest second ${r.maxPerSecond} (limit ${r.limit}), 429s ${r.rateLimited}, chats with 2+ messages ${r.duplicates}   (aim: ≤ limit, 0, 0)`);
  }

  console.log('\nmemory:');
  console.log(`  resident after ${e.turns.n + e.turnsConcurrent.n} turns (model, store, sessions; before the node-nlp baseline is built): ${f(e.rssMb, 0)} MB   (aim < 150 MB)`);
  console.log(`  resident at the end (with node-nlp's NlpManager baseline loaded): ${f(process.memoryUsage().rss / 2 ** 20, 0)} MB`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
