/**
 * Redis that fails badly: alive but not answering (a TCP server that accepts and never replies, or a real
 * Redis under `CLIENT PAUSE`), and a per-person lock left behind by a killed instance.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Translator } from '../../src/kernel/locale.js';
import { replyText } from '../../src/kernel/message.js';
import { StoreError } from '../../src/lib/errors.js';
import { createRedisStore, REDIS_COMMAND_TIMEOUT_MS, type Store } from '../../src/store/store.js';
import { makeBot } from '../support/app.js';

const REDIS_URL = process.env.REDIS_URL;
const SKIP = REDIS_URL ? '' : ' (skipped: REDIS_URL unset; CI sets it)';
const Item = z.object({ n: z.number() });
const cleanup: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
});

/** A "Redis" that accepts connections and never answers a byte. */
async function hungRedis(): Promise<string> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return `redis://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function track(store: Store): Store {
  cleanup.push(() => store.close());
  return store;
}

const storeDownText = (bot: ReturnType<typeof makeBot>) =>
  new Translator(bot.app.locales, 'id').text('error.store', { callcenter: '' }).slice(0, 40);

describe('a hung Redis (accepts, never answers)', () => {
  it('fails a store call with StoreError "unavailable" within the command timeout, not never', async () => {
    const store = track(createRedisStore(await hungRedis(), 'hung', { commandTimeoutMs: 300 }));
    const started = Date.now();
    const err = await store.collection('items', Item).get('a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).kind).toBe('unavailable');
    expect(String(err)).toMatch(/REDIS_COMMAND_TIMEOUT_MS/);
    expect(Date.now() - started).toBeLessThan(1500);
    // Every later call is bounded too (the dropped connection is not reused).
    const again = Date.now();
    await expect(store.collection('items', Item).set('a', { n: 1 })).rejects.toBeInstanceOf(StoreError);
    expect(Date.now() - again).toBeLessThan(1500);
  });

  it('once a call has timed out, later calls fail at once until Redis answers: messages queued behind each other are all answered within 5 s', async () => {
    const store = track(createRedisStore(await hungRedis(), 'hung'));
    const bot = makeBot({ store });
    const started = Date.now();
    // Three messages of one person arrive together: they take turns (the person's lock), and each turn makes
    // several store calls. Only the first waits for a command timeout.
    const outs = await Promise.all(
      ['halo', 'kantor buka jam berapa?', 'formulir pbg dmn'].map(async (text) => {
        const out = await bot.turn({ userKey: 'telegram:45', text });
        return { out, elapsed: Date.now() - started };
      }),
    );
    for (const { out, elapsed } of outs) {
      expect(out.replies.map(replyText).join('\n')).toContain(storeDownText(bot));
      expect(elapsed).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS + 1500);
    }
  });

  it('a person writing during the outage gets the store-down reply within 5 s (default timeout)', async () => {
    const store = track(createRedisStore(await hungRedis(), 'hung'));
    const bot = makeBot({ store });
    const started = Date.now();
    const out = await bot.turn({ userKey: 'telegram:42', text: 'kantor buka jam berapa?' });
    const elapsed = Date.now() - started;
    expect(out.error).toBeInstanceOf(StoreError);
    expect(out.replies.map(replyText).join('\n')).toContain(storeDownText(bot));
    expect(elapsed).toBeLessThan(5000);
    expect(elapsed).toBeGreaterThanOrEqual(REDIS_COMMAND_TIMEOUT_MS - 100);
  });
});

describe.skipIf(!REDIS_URL)(`a real Redis paused with CLIENT PAUSE${SKIP}`, () => {
  it('is answered with the store-down reply within 5 s, and the next message after the pause is served', async () => {
    const store = track(createRedisStore(REDIS_URL ?? '', `test-pause-${process.pid}-${Date.now()}`));
    const bot = makeBot({ store });
    expect((await bot.turn({ userKey: 'telegram:43', text: 'halo' })).error).toBeUndefined();
    const admin = new Redis(REDIS_URL ?? '');
    cleanup.push(() => admin.quit());
    await admin.call('CLIENT', 'PAUSE', '3500', 'ALL');
    const started = Date.now();
    const out = await bot.turn({ userKey: 'telegram:43', text: 'halo' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(out.error).toBeInstanceOf(StoreError);
    expect(out.replies.map(replyText).join('\n')).toContain(storeDownText(bot));
    await admin.call('CLIENT', 'UNPAUSE');
    const back = Date.now();
    const after = await bot.turn({ userKey: 'telegram:43', text: 'halo' });
    expect(after.error).toBeUndefined();
    // Not held back by the person's lock that the failed turn asked for during the pause (released by token).
    expect(Date.now() - back).toBeLessThan(1500);
  }, 15_000);
});

describe.skipIf(!REDIS_URL)(`per-person locks on Redis${SKIP}`, () => {
  it('a lock left by a killed instance frees within 5 s and the waiting message is answered, not refused', async () => {
    const prefix = `test-stale-${process.pid}-${Date.now()}`;
    const store = track(createRedisStore(REDIS_URL ?? '', prefix));
    const bot = makeBot({ store });
    const raw = new Redis(REDIS_URL ?? '');
    cleanup.push(() => raw.quit());
    // What a killed instance leaves: its token, with the turn lock's expiry (5 s), never released.
    await raw.set(`${prefix}:lock:turn:telegram:44`, 'token-of-a-dead-instance', 'PX', 5000);
    const started = Date.now();
    const out = await bot.turn({ userKey: 'telegram:44', text: 'kantor buka jam berapa?' });
    const elapsed = Date.now() - started;
    expect(out.error).toBeUndefined();
    expect(out.result?.intent).toBeDefined();
    expect(out.replies.map(replyText).join('\n')).not.toContain(storeDownText(bot));
    expect(elapsed).toBeLessThan(5500);
    expect((await bot.sessions.get('telegram:44'))?.turns).toBe(1);
  }, 15_000);

  it('a held lock is renewed while its holder works past the expiry, and released after', async () => {
    const prefix = `test-renew-${process.pid}-${Date.now()}`;
    const store = track(createRedisStore(REDIS_URL ?? '', prefix));
    const lock = store.lock?.bind(store);
    if (!lock) throw new Error('the Redis store has lock()');
    const release = await lock('turn:x', 300);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // more than three expiries
    await expect(lock('turn:x', 300, 100)).rejects.toBeInstanceOf(StoreError);
    await release();
    const again = await lock('turn:x', 300, 100);
    await again();
  });

  it('a renewal never takes back a lock another instance holds now', async () => {
    const prefix = `test-steal-${process.pid}-${Date.now()}`;
    const store = track(createRedisStore(REDIS_URL ?? '', prefix));
    const raw = new Redis(REDIS_URL ?? '');
    cleanup.push(() => raw.quit());
    const release = await (store.lock?.('turn:y', 300) ?? Promise.reject(new Error('no lock')));
    await raw.set(`${prefix}:lock:turn:y`, 'someone-else', 'PX', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await release();
    expect(await raw.get(`${prefix}:lock:turn:y`)).toBe('someone-else');
  });
});

describe.skipIf(!REDIS_URL)(`many collections on one Redis client${SKIP}`, () => {
  it('raise no MaxListenersExceededWarning (each keyv adapter listens to the shared client)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const store = track(createRedisStore(REDIS_URL ?? '', `test-listeners-${process.pid}-${Date.now()}`));
      for (let i = 0; i < 16; i++) await store.collection(`c${i}`, Item).get('x');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
