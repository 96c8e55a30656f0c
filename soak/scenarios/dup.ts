/**
 * Duplicate and replayed deliveries: Telegram delivers at least once. Some updates are queued twice at once
 * (a duplicate, handled together), some again seconds after they were answered (a replay), and in webhook mode
 * some 200s are "lost" so the fake posts the update again. Aim: 0 answered twice (and nothing lost meanwhile).
 */
import { BotProcess } from '../lib/bot.js';
import { Scope } from '../lib/cleanup.js';
import { conversationPlan } from '../lib/citizens.js';
import { citizensFor, conversationFigures, delays, dumpChats, judgeAll } from '../lib/common.js';
import { drain, drive, type Push } from '../lib/driver.js';
import { runPrefix } from '../lib/redis.js';
import { rng } from '../lib/rng.js';
import { botEnv, dataDir, deliveryTo, fig, freePort, startFake, type Context, type Mode, type Row } from '../lib/setup.js';

export async function duplicates(ctx: Context, store: 'sqlite' | 'redis', mode: Mode, row: Row, base: number): Promise<void> {
  const scope = new Scope();
  try {
    const r = rng(ctx.seed + base);
    const port = mode === 'webhook' ? await freePort() : 0;
    let lostAnswers = 0;
    const fake = await startFake(
      scope,
      mode === 'webhook'
        ? deliveryTo([port], {
            loseAnswer: () => {
              const lose = r.chance(0.15);
              if (lose) lostAnswers += 1;
              return lose;
            },
          })
        : undefined,
    );
    const redis = store === 'redis' ? { url: ctx.redis.url, prefix: runPrefix(scope, ctx.runId, row.id, ctx.redis.url) } : undefined;
    const env = botEnv({ data: dataDir(ctx, row.id), fake, mode, port, ...(redis ? { redis } : {}) });
    const plans = Array.from({ length: ctx.quick ? 5 : 8 }, (_, i) => conversationPlan(i + 1, base + i, r, 30));
    const citizens = await citizensFor(ctx, plans);
    const bot = new BotProcess(row.id, env, ctx.logDir);
    scope.add(`stop ${row.id}`, () => bot.kill9());
    await bot.start();

    let copies = 0;
    let replays = 0;
    const timers = new Set<NodeJS.Timeout>();
    scope.add('cancel replays', () => timers.forEach(clearTimeout));
    const push: Push = (f, update) => {
      const id = f.pushUpdate(update);
      const again = { ...update, update_id: id };
      if (r.chance(0.3)) {
        copies += 1;
        f.pushUpdate(again);
      }
      if (r.chance(0.3)) {
        replays += 1;
        const t = setTimeout(() => {
          timers.delete(t);
          f.pushUpdate(again);
        }, r.between(300, ctx.quick ? 1500 : 3000));
        timers.add(t);
      }
      return id;
    };
    const until = Date.now() + (ctx.quick ? 5000 : 12_000);
    await Promise.all(citizens.map((c, i) => drive(fake, c, { turnTimeoutMs: 8000, thinkMs: [200, 900], rng: rng(ctx.seed + base + 100 + i), push, until })));
    await drain(fake, citizens, ctx.quick ? 3000 : 8000);
    // Replays scheduled near the end, and whatever they would wrongly answer.
    await new Promise((resolve) => setTimeout(resolve, ctx.quick ? 1600 : 3500));
    await bot.stop();
    const v = judgeAll(fake, citizens, 8000);
    dumpChats(ctx, row.id, fake, citizens);
    row.figures.push(
      ...conversationFigures(v),
      fig('copies queued at once', copies),
      fig('replays after the answer', replays),
      ...(mode === 'webhook' ? [fig('webhook answers lost (resent)', lostAnswers)] : []),
      fig('answer time', delays(v.delays)),
    );
    row.notes.push(...v.notes);
  } finally {
    await scope.close();
  }
}
