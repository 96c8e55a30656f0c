/**
 * A stale lock: two instances on one Redis (webhook). Instance A reaches Redis through a proxy that hangs the
 * moment A's per-person lock command goes through, so A holds that person's lock and then goes silent; A is
 * SIGKILLed a second later, a killed instance that never releases. The webhook request A never answered is
 * posted again, now to B. Aim: the lock is free within 5 s of the holder's last renewal (here its taking), and
 * the person is answered by B (the oracle's answer).
 */
import { BotProcess } from '../lib/bot.js';
import { Scope } from '../lib/cleanup.js';
import { conversationFigures, dumpChats, judgeAll } from '../lib/common.js';
import { citizen, expectedCount, send, waitForCount } from '../lib/driver.js';
import { TcpProxy } from '../lib/proxy.js';
import { client, hostPort, runPrefix } from '../lib/redis.js';
import { botEnv, dataDir, deliveryTo, fig, freePort, startFake, type Context, type Row } from '../lib/setup.js';
import { secs, sleep } from '../lib/stats.js';

/** What a killed holder's lock is allowed to cost, and how finely the soak looks at the key. */
const AIM_MS = 5000;
const POLL_MS = 25;

export async function staleLock(ctx: Context, row: Row, base: number): Promise<void> {
  const scope = new Scope();
  try {
    const proxy = await TcpProxy.start(hostPort(ctx.redis.url));
    scope.add('close the Redis proxy', () => proxy.close());
    const [portA, portB] = [await freePort(), await freePort()];
    const fake = await startFake(scope, deliveryTo([portA]));
    const prefix = runPrefix(scope, ctx.runId, row.id, ctx.redis.url);
    const a = new BotProcess(`${row.id}-A`, botEnv({ data: dataDir(ctx, `${row.id}-A`), fake, mode: 'webhook', port: portA, redis: { url: `redis://127.0.0.1:${proxy.port}`, prefix } }), ctx.logDir);
    const b = new BotProcess(`${row.id}-B`, botEnv({ data: dataDir(ctx, `${row.id}-B`), fake, mode: 'webhook', port: portB, redis: { url: ctx.redis.url, prefix } }), ctx.logDir);
    scope.add('stop A', () => a.kill9());
    scope.add('stop B', () => b.kill9());
    await Promise.all([a.start(), b.start()]);
    const redis = client(ctx.redis.url);
    scope.add('disconnect', () => redis.disconnect());
    await redis.connect();

    const user = { id: base, first_name: 'Warga Terkunci' };
    const plan = { user, messages: ['halo', 'jam buka kantor', 'terima kasih'] };
    const c = citizen(plan, await ctx.oracle.expect(plan));
    send(fake, c, 0);
    await waitForCount(fake, user.id, expectedCount(c), 10_000);

    // Hang A's Redis right after its lock on this person went through.
    const key = `${prefix}:lock:turn:telegram:${user.id}`;
    let lockedAt = 0;
    const locked = new Promise<void>((resolve) => {
      proxy.onClientData = (chunk) => {
        if (lockedAt === 0 && chunk.includes(key)) {
          lockedAt = Date.now();
          // Forward this chunk (the SET … NX PX reaches Redis), then silence.
          setImmediate(() => proxy.hang());
          resolve();
        }
      };
    });
    send(fake, c, 1);
    await Promise.race([locked, sleep(10_000)]);
    if (!lockedAt) throw new Error("A never took the person's lock through the proxy");
    await sleep(150);
    const token = await redis.get(key);
    await sleep(850);
    const killedAt = Date.now();
    await a.kill9();
    fake.setWebhookDelivery(deliveryTo([portB]));
    let freedAt: number | undefined;
    while (Date.now() - lockedAt < 4 * AIM_MS) {
      const now = await redis.get(key);
      if (token === null || now !== token) {
        freedAt = Date.now();
        break;
      }
      await sleep(POLL_MS);
    }
    const answered = await waitForCount(fake, user.id, expectedCount(c), 25_000);
    const answeredAt = fake.sentTo(user.id).at(-1)?.at;
    send(fake, c, 2);
    await waitForCount(fake, user.id, expectedCount(c), 10_000);
    await b.stop();
    const v = judgeAll(fake, [c]);
    dumpChats(ctx, row.id, fake, [c], { lockedAt, killedAt, freedAt, token });
    const freedAfter = freedAt === undefined ? undefined : freedAt - lockedAt;
    row.figures.push(
      fig('lock freed after', freedAfter === undefined ? 'never (within 20 s)' : secs(freedAfter), `≤ 5 s (+${POLL_MS} ms sampling)`, freedAfter !== undefined && freedAfter <= AIM_MS + POLL_MS),
      fig('person answered by B', answered && answeredAt ? `${secs(answeredAt - killedAt)} after the kill` : 'no'),
      fig('lock token seen', token ? 'yes' : 'no (lock not in Redis)'),
      ...conversationFigures(v),
    );
    row.notes.push(...v.notes);
  } finally {
    await scope.close();
  }
}
