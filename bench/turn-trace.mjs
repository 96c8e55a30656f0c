// The bench's turns with a fixed clock, traced: `node bench/turn-trace.mjs OUT.txt [DIST] [ROUNDS]`. A change
// that should leave behaviour as it was is checked by running this before and after it (DIST: a copy of an
// older build, default ../dist/) and comparing the two files: every reply of every turn (better-sqlite3 and
// memory store, then the durable-answer path), then every stored row of the SQLite file. The clock is the
// same at every turn of both runs (Date and Date.now fixed, moved one second a turn) and the random case
// numbers and ids are masked, so two runs of one build give the same file. MODEL_DIR keeps the model.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setImmediate } from 'node:timers';
import { pathToFileURL } from 'node:url';

const [out, distArg, roundsArg] = process.argv.slice(2);
if (!out) throw new Error('usage: node bench/turn-trace.mjs OUT.txt [DIST] [ROUNDS]');
const dist = distArg ? pathToFileURL(`${resolve(distArg)}/`) : new URL('../dist/', import.meta.url);
const rounds = Number(roundsArg ?? 4);

// A clock that only the trace moves: every `new Date()` and `Date.now()` in the bot reads it.
let clock = Date.UTC(2026, 11, 3, 2, 0, 0); // a Thursday, 10:00 WITA: the office is open
const RealDate = Date;
class FixedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(clock);
    else super(...args);
  }
  static now() {
    return clock;
  }
}
globalThis.Date = FixedDate;

const { ROOT, buildClassifier, createApp, loadKnowledgeFiles } = await import(new URL('app.js', dist).href);
const { parseConfig } = await import(new URL('config.js', dist).href);
const { silentLogger } = await import(new URL('lib/log.js', dist).href);
const { createMemoryStore, createSqliteStore } = await import(new URL('store/store.js', dist).href);
const { renderReplies } = await import(new URL('channels/telegram/render.js', dist).href);

/** Case numbers, uuids and hex ids: drawn at random, so masked. */
const mask = (s) =>
  s
    .replace(/\b(ADU|KON)-[0-9A-Z]{6}\b/g, '$1-######')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, 'UUID')
    .replace(/-[0-9a-f]{8}\b/g, '-HEX');

const dir = mkdtempSync(join(tmpdir(), 'layanan-trace-'));
const config = parseConfig({ DATA_DIR: process.env.MODEL_DIR ?? dir, LOG_LEVEL: 'silent' });
const { office, locales } = loadKnowledgeFiles(config);
const classifier = buildClassifier(config, office);
const base = JSON.parse(readFileSync(join(ROOT, 'test/nlu/heldout.json'), 'utf8')).items.map((i) => i.text);
const lines = [];

/** The bench's sequence (engine.ts `run`): 3 warm-up passes over 50 people, then `rounds` passes over 500. */
const sequence = (tag) => [
  ...Array.from({ length: 3 }, () => base.map((text, i) => ({ userKey: `${tag}:warm${i % 50}`, text }))).flat(),
  ...Array.from({ length: rounds }, (_, r) => base.map((text, i) => ({ userKey: `${tag}:${(r * base.length + i) % 500}`, text }))).flat(),
];

for (const [tag, store] of [
  ['sync', createSqliteStore(join(dir, 'store'))],
  ['memory', createMemoryStore()],
]) {
  const app = createApp(config, silentLogger(), { office, locales, classifier, store });
  for (const m of sequence(tag)) {
    clock += 1000;
    const res = await app.conversation.turn(m);
    lines.push(mask(`${m.userKey} ${JSON.stringify(m.text)} ${res.result?.intent ?? '-'} ${res.error ? `ERROR ${res.error.message}` : ''}\n  ${JSON.stringify(res.replies)}`));
  }
  await new Promise((r) => setImmediate(r)); // background relays (to no staff here) settle
  if (tag === 'memory') await store.close();
  else {
    // The durable path on the same store: the answer stored with the turn, then delivered to a sink.
    const durable = createApp(config, silentLogger(), { office, locales, classifier, store });
    const sent = [];
    durable.outbox.attach({
      name: 'bench',
      start: async () => undefined,
      stop: async () => undefined,
      send: async () => [],
      durable: { pieces: (replies) => renderReplies(replies).length, chatOf: (chat) => ({ chat, group: false }), sendPiece: async (chat, piece) => void sent.push(`${chat} ${JSON.stringify(piece)}`) },
    });
    for (const [i, text] of base.entries()) {
      clock += 1000;
      const userKey = `bench:${i % 100}`;
      const replies = await durable.host.handle({ userKey, text, replyAddress: userKey });
      await durable.delivery.idle();
      lines.push(mask(`${userKey} ${JSON.stringify(text)} ${JSON.stringify(replies)} sent ${sent.splice(0).join(' | ')}`));
    }
    await store.close();
  }
}

// Every row of the SQLite file, masked and sorted (masking can change the order of keys).
const { default: Database } = await import('better-sqlite3');
const db = new Database(join(dir, 'store', 'layanan.sqlite'), { readonly: true });
const rows = [];
for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()) {
  for (const row of db.prepare(`SELECT * FROM "${name}"`).all()) rows.push(mask(`${name} ${JSON.stringify(row)}`));
}
db.close();
lines.push(`-- ${rows.length} rows`, ...rows.sort());
writeFileSync(out, `${lines.join('\n')}\n`);
process.stdout.write(`${out}: ${lines.length} lines\n`);
rmSync(dir, { recursive: true, force: true });
