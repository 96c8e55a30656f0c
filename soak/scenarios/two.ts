/**
 * Two instances on one Redis, behind one webhook URL (the fake spreads the requests round robin, as a load
 * balancer would). Citizens write in bursts (two or three messages before any answer), so consecutive messages
 * of one person land on different instances. Aim: 0 replies out of order (and none lost or doubled).
 */
import { BotProcess, logCount } from '../lib/bot.js';
import { Scope } from '../lib/cleanup.js';
import { conversationPlan } from '../lib/citizens.js';
import { citizensFor, conversationFigures, delays, dumpChats, judgeAll } from '../lib/common.js';
import { drain, drive } from '../lib/driver.js';
import { runPrefix } from '../lib/redis.js';
import { rng } from '../lib/rng.js';
import { botEnv, dataDir, deliveryTo, fig, freePort, startFake, zero, type Context, type Row } from '../lib/setup.js';

export async function twoInstances(ctx: Context, row: Row, base: number): Promise<void> {
  const scope = new Scope();
  try {
    const r = rng(ctx.seed + base);
    const ports = [await freePort(), await freePort()];
    const fake = await startFake(scope, deliveryTo(ports));
    const redis = { url: ctx.redis.url, prefix: runPrefix(scope, ctx.runId, row.id, ctx.redis.url) };
    const bots = ports.map((port, i) => new BotProcess(`${row.id}-${'AB'[i]}`, botEnv({ data: dataDir(ctx, `${row.id}-${i}`), fake, mode: 'webhook', port, redis }), ctx.logDir));
    for (const b of bots) scope.add(`stop ${b.name}`, () => b.kill9());
    await Promise.all(bots.map((b) => b.start()));
    const plans = Array.from({ length: ctx.quick ? 5 : 8 }, (_, i) => conversationPlan(i + 1, base + i, r, 40));
    const citizens = await citizensFor(ctx, plans);
    const until = Date.now() + (ctx.quick ? 6000 : 20_000);
    await Promise.all(
      citizens.map((c, i) => drive(fake, c, { turnTimeoutMs: ctx.quick ? 5000 : 10_000, thinkMs: [300, 1000], burst: [2, 3], rng: rng(ctx.seed + base + 100 + i), until })),
    );
    await drain(fake, citizens, ctx.quick ? 3000 : 8000);
    await Promise.all(bots.map((b) => b.stop()));
    const v = judgeAll(fake, citizens);
    dumpChats(ctx, row.id, fake, citizens);
    const served = ports.map((p) => fake.webhookPosts.filter((w) => w.status === 200 && w.target.endsWith(`:${p}`)).length);
    const [conv0, ...rest] = conversationFigures(v);
    row.figures.push(
      zero('replies out of order', v.outOfOrder),
      ...(conv0 ? [conv0] : []),
      ...rest.filter((f) => f.name !== 'out of order'),
      fig('updates served by A / B', served.join(' / ')),
      fig('webhook answered after 2 s (turn not yet stored)', fake.webhookPosts.filter((w) => w.status === 200 && w.ms >= 1900).length),
      fig('replies given up after 429s (bot log)', logCount(bots, 'telegram reply not delivered', '429')),
      fig('answer time', delays(v.delays)),
    );
    row.notes.push(...v.notes);
  } finally {
    await scope.close();
  }
}
