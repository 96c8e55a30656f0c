import { benchEngine } from './engine.js';
const e = await benchEngine(Number(process.argv[2] ?? 10));
const r = (s: { perSecond: number; p50: number; p99: number }) => `${s.perSecond.toFixed(0)}/s p50 ${s.p50.toFixed(3)} p99 ${s.p99.toFixed(3)} ratio ${(e.classify.perSecond / s.perSecond).toFixed(2)}`;
console.log('sync', r(e.turns), '\nsync32', r(e.turnsConcurrent), '\nasync', r(e.turnsAsyncSqlite), '\nasync32', r(e.turnsAsyncSqliteConcurrent), '\nmem', r(e.turnsMemory), '\nclassify', r(e.classify), 'rss', e.rssMb.toFixed(0));
