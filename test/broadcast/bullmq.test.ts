import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { BullBroadcastQueue } from '../../src/features/announcements/queue-bullmq.js';
import type { Broadcast } from '../../src/features/announcements/schema.js';
import type { DeliverySettings } from '../../src/features/announcements/worker.js';
import { createRedisStore } from '../../src/store/store.js';
import { makeBot } from '../support/app.js';
import { startChannel, startFake, stopAll } from '../telegram/harness.js';
import { achievedRate, maxInWindow, perChat, subscribeTelegram } from './helpers.js';
import { testChannels, testDelivery } from './support.js';

const REDIS_URL = process.env.REDIS_URL;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
  await stopAll();
});

const settings: DeliverySettings = testDelivery(testChannels({ rate: 100, minGapMs: 0, maxGapMs: 0, dailyCap: 100 }), { pollMs: 100 });

/**
 * Two service instances on one Redis (shared store and BullMQ queue), each with its own Telegram channel, one
 * fake Bot API enforcing 120/s overall and 1/s per chat; the worker limiter is configured at 100/s (scaled
 * ×4 from production's 25 vs 30, as in telegram-delivery.test.ts).
 */
describe.skipIf(!REDIS_URL)(`BullMQ delivery, two instances on one Redis${REDIS_URL ? '' : ' (skipped: REDIS_URL unset)'}`, () => {
  it('together stay under the limit and send each subscriber exactly once, both instances working', async () => {
    const url = REDIS_URL ?? '';
    const prefix = `t${randomBytes(4).toString('hex')}`;
    const blocked = [200_010, 200_020, 200_030];
    const fake = await startFake({ limits: { globalPerSecond: 120, perChatPerSecond: 1 }, blocked });
    const instances = [0, 1].map(() => {
      const store = createRedisStore(url, prefix);
      cleanup.push(() => store.close());
      return makeBot({ store, env: { STAFF_TELEGRAM_IDS: '42' } });
    });
    const [a, b] = instances;
    if (!a || !b) throw new Error('two instances');
    for (const bot of instances) await startChannel(fake, bot);
    const chats = await subscribeTelegram(a, 1000, 200_000);

    const sentBy = [0, 0];
    const finals: Broadcast[] = [];
    const queues = instances.map((bot, i) => {
      const deps = bot.app.announcements.workerDeps({ settings });
      const q = new BullBroadcastQueue(
        {
          ...deps,
          send: async (key, replies) => {
            sentBy[i] = (sentBy[i] ?? 0) + 1;
            await deps.send(key, replies);
          },
          report: async (x, final) => {
            if (final) finals.push(x);
          },
        },
        { redisUrl: url, prefix },
      );
      cleanup.push(async () => {
        await q.obliterate().catch(() => undefined);
        await q.stop();
      });
      return q;
    });
    const queued = await a.broadcasts.queue({ text: 'Pelayanan dibuka kembali.', channels: ['telegram'], createdBy: 'cli', scheduledAt: null }, new Date());
    await Promise.all(queues.map((q) => q.start()));
    await fake.waitFor(() => finals.length > 0, 60_000);
    await Promise.all(queues.map((q) => q.stop()));

    const sends = fake.callsOf('sendMessage');
    expect(sends.filter((c) => c.status === 429)).toEqual([]);
    expect(maxInWindow(sends)).toBeLessThanOrEqual(120);
    const got = perChat(sends);
    expect([...got.values()].every((n) => n === 1)).toBe(true);
    expect(chats.filter((id) => !blocked.includes(id)).every((id) => got.get(id) === 1)).toBe(true);
    for (const id of blocked) expect((await a.subscriptions.get(`telegram:${id}`))?.subscribed).toBe(false);
    // Both instances delivered a share; only one wrote the final report.
    expect(sentBy[0]).toBeGreaterThan(50);
    expect(sentBy[1]).toBeGreaterThan(50);
    expect(finals).toHaveLength(1);
    expect(finals[0]?.counts.telegram).toMatchObject({ total: 1000, sent: 997, unreachable: 3, uncertain: 0 });
    expect((await a.broadcasts.status(queued.id))?.status).toBe('done');
    const rate = achievedRate(sends);
    expect(rate / 100, `achieved ${rate.toFixed(1)}/s of ${100}/s configured`).toBeGreaterThanOrEqual(0.8);
  }, 90_000);
});
