/**
 * Load: citizen updates arrive at 50 per second (open loop: whatever the bot answers, the next comes on time)
 * over many chats, while the fake enforces Telegram's ~30 messages/s overall and ~1/s per chat with 429s and
 * `retry_after`. More is asked of the bot than Telegram lets it send, so answers queue: the aim is that none is
 * dropped; the delay is reported (sending an update → its whole answer received), with its p95.
 */
import { BotProcess, logCount } from '../lib/bot.js';
import { Scope } from '../lib/cleanup.js';
import { loadPlan } from '../lib/citizens.js';
import { citizensFor, delays, dumpChats, judgeAll } from '../lib/common.js';
import { drain, send } from '../lib/driver.js';
import { rng } from '../lib/rng.js';
import { botEnv, dataDir, fig, startFake, zero, type Context, type Row } from '../lib/setup.js';
import { sleep } from '../lib/stats.js';

const RATE = 50;

export async function load(ctx: Context, row: Row, base: number): Promise<void> {
  const scope = new Scope();
  try {
    const r = rng(ctx.seed + base);
    const seconds = ctx.quick ? 3 : 8;
    const chats = ctx.quick ? 50 : 160;
    const total = RATE * seconds;
    const perChat = Math.ceil(total / chats);
    const fake = await startFake(scope);
    const env = botEnv({ data: dataDir(ctx, row.id), fake, mode: 'polling' });
    const plans = Array.from({ length: chats }, (_, i) => loadPlan(i + 1, base + i, r, perChat));
    const citizens = await citizensFor(ctx, plans);
    const bot = new BotProcess(row.id, env, ctx.logDir);
    scope.add(`stop ${row.id}`, () => bot.kill9());
    await bot.start();

    const t0 = Date.now();
    for (let k = 0; k < total; k++) {
      const wait = t0 + (k * 1000) / RATE - Date.now();
      if (wait > 0) await sleep(wait);
      const c = citizens[k % chats];
      if (c) send(fake, c, c.sent.length);
    }
    const pushedIn = (Date.now() - t0) / 1000;
    const drained = await drain(fake, citizens, ctx.quick ? 12_000 : 40_000);
    const drainedIn = (Date.now() - t0) / 1000;
    await sleep(1000);
    await bot.stop();
    const v = judgeAll(fake, citizens);
    dumpChats(ctx, row.id, fake, citizens);
    const sends = fake.callsOf('sendMessage');
    const ok = sends.filter((c) => c.status === 200);
    const perSecond = new Map<number, number>();
    for (const c of ok) perSecond.set(Math.floor(c.at / 1000), (perSecond.get(Math.floor(c.at / 1000)) ?? 0) + 1);
    const busiest = Math.max(0, ...perSecond.values());
    const dropped = v.unanswered + v.cutShort;
    row.figures.push(
      fig('updates', `${total} in ${pushedIn.toFixed(1)} s (${(total / pushedIn).toFixed(0)}/s) over ${chats} chats`),
      zero('dropped', dropped),
      zero('answered twice', v.answeredTwice),
      fig('delay', delays(v.delays)),
      fig('all answered after', drained ? `${drainedIn.toFixed(1)} s` : `not within ${drainedIn.toFixed(0)} s`),
      fig('messages sent', ok.length),
      fig('busiest second', `${busiest} (Telegram: ~30)`),
      fig('429s answered', sends.filter((c) => c.status === 429).length),
      fig('replies given up after 429s (bot log)', logCount([bot], 'telegram reply not delivered', '429')),
      fig('other answers', v.unexpected),
    );
    row.notes.push(...v.notes);
  } finally {
    await scope.close();
  }
}
