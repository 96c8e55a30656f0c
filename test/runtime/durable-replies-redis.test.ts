/**
 * Durable answers on one Redis shared by several instances: a queue another instance holds is left alone
 * while that instance is alive (it beats), and taken over within seconds once it stops beating, without
 * waiting out its lease.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { plain } from '../../src/kernel/message.js';
import { storeLiveness } from '../../src/runtime/delivery.js';
import { createStore, type Store } from '../../src/store/store.js';
import { makeBot, type TestBot } from '../support/app.js';
import { FakeDurableChannel, waiting } from '../support/durable-channel.js';

const REDIS_URL = process.env.REDIS_URL;
const stores: Store[] = [];
const bots: TestBot[] = [];
afterAll(async () => {
  for (const b of bots) await b.app.delivery.stop(0);
  for (const s of stores) await s.close();
});

const until = async (check: () => boolean, ms: number): Promise<number> => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
};

describe.skipIf(!REDIS_URL)(`durable answers on one Redis${REDIS_URL ? '' : ' (skipped: REDIS_URL unset; CI sets it)'}`, () => {
  it('leaves a live instance\'s queue alone, and takes it within seconds once that instance stops beating (its lease runs a minute)', async () => {
    const store = createStore({ dataDir: '/tmp', redisUrl: REDIS_URL, redisPrefix: `deliv-test-${randomUUID().slice(0, 8)}` });
    stores.push(store);
    const bot = makeBot({ store });
    bots.push(bot);
    const channel = new FakeDurableChannel();
    bot.attach(channel);
    const liveness = storeLiveness(store);
    // Instance A is alive (beats) and holds the queue for a minute.
    await liveness.beat('instance-a', 3000);
    const beating = setInterval(() => void liveness.beat('instance-a', 3000), 1000);
    await bot.sessions.set('telegram:7', waiting(new Date(), [plain('jawaban untuk anda')], {}, { id: 'instance-a', until: Date.now() + 60_000 }));
    await bot.app.delivery.resume();
    await new Promise((r) => setTimeout(r, 1500));
    expect(channel.texts()).toEqual([]);
    // A is killed: its beats stop. The queue goes out once its last beat expired (3 s), not after its lease.
    clearInterval(beating);
    const took = await until(() => channel.sent.length > 0, 8000);
    expect(channel.texts()).toEqual(['jawaban untuk anda']);
    expect(took).toBeLessThan(5000);
    // The sent piece is taken off the outbox by the write that follows the send (under load, a moment later).
    let outbox: unknown = 'pending';
    const emptied = Date.now();
    while (outbox !== undefined && Date.now() - emptied < 3000) {
      outbox = (await bot.sessions.get('telegram:7'))?.outbox;
      if (outbox !== undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(outbox).toBeUndefined();
    expect(channel.texts()).toEqual(['jawaban untuk anda']);
  }, 20_000);
});
