/**
 * Complaints of every accepted length: descriptions from the shortest accepted (10) to the longest (3,000 UTF-16
 * units, as Telegram counts), one ending in an emoji on the limit and all with `&`, `<`, `>` in them, filed
 * through the whole form ending in "ya", plus one of 3,001 that must be refused and asked again (as the oracle
 * says), never cut. Aims: every accepted one filed and stored with its whole text, announced to staff, 0 answers
 * cut short.
 */
import { BotProcess } from '../lib/bot.js';
import { Scope } from '../lib/cleanup.js';
import { complaintOfLength } from '../lib/citizens.js';
import { citizensFor, conversationFigures, dumpChats, judgeAll, noticeFigures, storedComplaints } from '../lib/common.js';
import { drive } from '../lib/driver.js';
import { rng } from '../lib/rng.js';
import { botEnv, dataDir, fig, startFake, type Context, type Row } from '../lib/setup.js';
import { sleep } from '../lib/stats.js';

const MAX = 3000;

export async function longComplaints(ctx: Context, row: Row, base: number): Promise<void> {
  const scope = new Scope();
  try {
    const fake = await startFake(scope);
    const env = botEnv({ data: dataDir(ctx, row.id), fake, mode: 'polling' });
    const bot = new BotProcess(row.id, env, ctx.logDir);
    scope.add(`stop ${row.id}`, () => bot.kill9());
    await bot.start();
    const all: [number, string][] = [
      [10, ''],
      [200, ''],
      [1000, ''],
      [2999, ''],
      [MAX, ''],
      [MAX, '🙏'],
      [MAX + 1, ''],
    ];
    const lengths = ctx.quick ? all.filter(([n]) => n === 10 || n >= MAX) : all;
    const plans = lengths.map(([n, tail], i) => complaintOfLength(i + 1, base + i, n, tail));
    const citizens = await citizensFor(ctx, plans);
    await Promise.all(citizens.map((c, i) => drive(fake, c, { turnTimeoutMs: 10_000, thinkMs: [100, 400], rng: rng(ctx.seed + base + i) })));
    await sleep(2000);
    await bot.stop();
    const stored = await storedComplaints(env);
    const byUser = new Map(stored.map((s) => [s.ownerKey, s]));
    const accepted = plans.filter((_, i) => (lengths[i]?.[0] ?? 0) <= MAX);
    let intact = 0;
    for (const p of accepted) {
      const want = (p.messages[1] ?? '').replace(/\s+/g, ' ');
      const got = byUser.get(`telegram:${p.user.id}`)?.description;
      if (got === want) intact += 1;
      else row.notes.push(`${want.length} units: ${got === undefined ? 'not stored' : `stored ${got?.length ?? 0} units, not the text sent`}`);
    }
    const over = byUser.has(`telegram:${plans.at(-1)?.user.id ?? 0}`);
    const v = judgeAll(fake, citizens);
    dumpChats(ctx, row.id, fake, citizens);
    const notices = noticeFigures(fake, stored, plans.map((p) => p.user.id));
    row.figures.push(
      fig('filed', `${byUser.size - (over ? 1 : 0)} of ${accepted.length}`, 'all', byUser.size - (over ? 1 : 0) === accepted.length),
      fig('stored whole', `${intact} of ${accepted.length}`, 'all', intact === accepted.length),
      fig(`${MAX + 1} units`, over ? 'filed (over the limit!)' : 'refused, asked again'),
      ...conversationFigures(v),
      ...notices.figures,
    );
    row.notes.push(...v.notes, ...notices.notes);
  } finally {
    await scope.close();
  }
}
