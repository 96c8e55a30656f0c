/**
 * kill -9 loop: citizens mid-conversation while the bot is SIGKILLed at random moments and restarted at once on
 * the same data (DATA_DIR, or the same Redis prefix), like a supervisor would. Polling: the fake redelivers
 * what no later getUpdates confirmed. Webhook: a request that failed or got no 200 is posted again.
 * Aims: over 20 kills; 0 unanswered, 0 answered twice, 0 cut short, 0 staff notices lost.
 */
import { BotProcess, logCount } from '../lib/bot.js';
import { Scope } from '../lib/cleanup.js';
import { conversationPlan } from '../lib/citizens.js';
import { citizensFor, conversationFigures, delays, dumpChats, judgeAll, noticeFigures, noticeStates, storedComplaints } from '../lib/common.js';
import { drain, drive } from '../lib/driver.js';
import { runPrefix } from '../lib/redis.js';
import { rng } from '../lib/rng.js';
import { botEnv, dataDir, deliveryTo, fig, freePort, startFake, type Context, type Mode, type Row } from '../lib/setup.js';
import { percentile, secs, sleep } from '../lib/stats.js';

export async function killLoop(ctx: Context, store: 'sqlite' | 'redis', mode: Mode, row: Row, base: number): Promise<void> {
  const scope = new Scope();
  try {
    const target = ctx.quick ? 3 : 21;
    const r = rng(ctx.seed + base);
    const port = mode === 'webhook' ? await freePort() : 0;
    const fake = await startFake(scope, mode === 'webhook' ? deliveryTo([port]) : undefined);
    const redis = store === 'redis' ? { url: ctx.redis.url, prefix: runPrefix(scope, ctx.runId, row.id, ctx.redis.url) } : undefined;
    const env = botEnv({ data: dataDir(ctx, row.id), fake, mode, port, ...(redis ? { redis } : {}) });
    const plans = Array.from({ length: ctx.quick ? 4 : 8 }, (_, i) => conversationPlan(i + 1, base + i, r, ctx.quick ? 30 : 90));
    const citizens = await citizensFor(ctx, plans);
    const bot = new BotProcess(row.id, env, ctx.logDir);
    scope.add(`stop ${row.id}`, () => bot.kill9());
    await bot.start();

    let stop = false;
    let stopNow: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (stopNow = resolve));
    const driving = Promise.all(
      citizens.map((c, i) =>
        drive(fake, c, { turnTimeoutMs: ctx.quick ? 5000 : 8000, thinkMs: [300, 1200], rng: rng(ctx.seed + base + 100 + i), stop: () => stop, stopped }),
      ),
    );
    const restarts: number[] = [];
    let failedStarts = 0;
    while (bot.kills < target) {
      // Up 0.5–2 s (a start's first turns included), killed while turns and replies are under way.
      await sleep(r.between(ctx.quick ? 300 : 500, ctx.quick ? 1000 : 2000));
      if (bot.running) await bot.kill9();
      try {
        restarts.push(await bot.start());
      } catch (err) {
        failedStarts += 1;
        row.notes.push(String(err).slice(0, 300));
        if (failedStarts > 3) throw err;
        await sleep(1000);
        if (!bot.running) restarts.push(await bot.start());
      }
    }
    stop = true;
    stopNow();
    await driving;
    await drain(fake, citizens, ctx.quick ? 2500 : 8000);
    // Notices are sent in the background after the reply; give the last ones a moment.
    await sleep(ctx.quick ? 1000 : 2000);
    await bot.stop();
    let stored = await storedComplaints(env);
    let notices = noticeFigures(fake, stored, plans.map((p) => p.user.id));
    if (notices.lost.length > 0 && !ctx.quick) {
      // A notice still `pending` is sent by the notice loop at the next start: give it that chance.
      await bot.start();
      await sleep(ctx.quick ? 2000 : 4000);
      await bot.stop();
      stored = await storedComplaints(env);
      notices = noticeFigures(fake, stored, plans.map((p) => p.user.id));
    }
    for (const [ticket, state] of await noticeStates(env, notices.lost)) row.notes.push(`staff notice of ${ticket}: ${state}`);
    const v = judgeAll(fake, citizens, 8000);
    dumpChats(ctx, row.id, fake, citizens, { killedAt: bot.killedAt, readyAt: bot.readyAt });
    row.figures.push(
      ctx.quick ? fig('kills', `${bot.kills} (--quick)`) : fig('kills', bot.kills, '> 20', bot.kills > 20),
      ...conversationFigures(v),
      ...notices.figures,
      fig('answered after the timeout', v.late),
      fig('answer time', delays(v.delays)),
      fig('restart to ready', `p50 ${secs(percentile(restarts, 50))}`),
      ...(bot.ownExits.length ? [fig('exits not ours', bot.ownExits.length)] : []),
      fig('replies given up after 429s (bot log)', logCount([bot], 'telegram reply not delivered', '429')),
      ...(bot.deafStarts ? [fig('starts whose Telegram channel failed', `${bot.deafStarts} of ${bot.starts}`)] : []),
      ...(mode === 'webhook' ? [fig('webhook posts failed', fake.webhookPosts.filter((p) => p.status !== 200).length)] : []),
    );
    if (bot.deafReason) row.notes.push(`${bot.deafStarts} of ${bot.starts} starts: "channel failed to start; retrying" (${bot.deafReason}); such a process receives nothing`);
    row.notes.push(...v.notes, ...notices.notes);
  } finally {
    await scope.close();
  }
}
