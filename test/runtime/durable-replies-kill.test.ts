/**
 * A process killed right after its claim of a piece (`sending`) was stored: the soak's Redis kill -9 rows
 * lost answers there (the next process finds the piece `sending`, counts it "maybe delivered" and never sends
 * it, though no request had left: the process had stalled between the claim's answer, the lock's release, a
 * connect and the request). The request must leave in the turn of the event loop where the claim's write is
 * answered, so no stall of this process can put a kill between the two.
 *
 * The store here is shared like Redis: a write lands when it is issued and is answered a turn of the event
 * loop later (setImmediate), the person's lock is taken and released the same way. "Killed" = from the turn
 * of the event loop after the claim's answer, that process's store calls and sends never answer or land.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TelegramChannel } from '../../src/channels/telegram/adapter.js';
import { plain, replyText } from '../../src/kernel/message.js';
import { Session } from '../../src/kernel/session.js';
import { createMemoryStore, type Collection, type Store } from '../../src/store/store.js';
import { makeBot, type TestBot } from '../support/app.js';
import { FakeDurableChannel, waiting } from '../support/durable-channel.js';
import { FAKE_TOKEN, FakeTelegram } from '../support/fake-telegram.js';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One process's view of a shared store: Redis-like answers a turn later; dead once `kill()` ran.
 * `onRelease` runs when a lock's release is asked for (the first store call after a claim's answer).
 */
function processView(
  base: Store,
  onAnswered: (name: string, value: unknown) => void = () => undefined,
  onRelease: () => void = () => undefined,
): { store: Store; killed: () => boolean; kill(): void } {
  let dead = false;
  const answer = async <T>(value: T): Promise<T> => {
    await nextTurn();
    return dead ? never<T>() : value;
  };
  const store: Store = {
    kind: base.kind,
    collection<T>(name: string, schema: Parameters<Store['collection']>[1]): Collection<T> {
      const inner = base.collection(name, schema) as Collection<T>;
      return {
        async get(key) {
          if (dead) return never();
          return answer(await inner.get(key));
        },
        async set(key, value, ttl) {
          if (dead) return never();
          // The write reaches the store now; its answer comes a turn of the event loop later.
          await inner.set(key, value, ttl);
          await answer(undefined);
          onAnswered(name, value);
        },
        async delete(key) {
          if (dead) return never();
          return answer(await inner.delete(key));
        },
        entries: () => inner.entries(),
      };
    },
    // A lock like Redis's: one round trip to take it, one to release it (no contention in this test).
    async lock() {
      if (dead) return never();
      await answer(undefined);
      return async () => {
        onRelease();
        if (dead) return never();
        await answer(undefined);
      };
    },
    close: () => base.close(),
  };
  return { store, killed: () => dead, kill: () => void (dead = true) };
}

const bots: TestBot[] = [];
const fakes: FakeTelegram[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.app.delivery.stop(0);
  for (const f of fakes.splice(0)) await f.close();
});

describe('durable answers: a kill right after a piece was claimed', () => {
  it('the claimed piece leaves in the turn its claim is answered in: the person gets it once, not never', async () => {
    const base = createMemoryStore();
    const now = new Date();
    const received: string[] = [];

    // Process 1: killed on the turn of the event loop after its claim (`sending`) was stored and answered.
    let claimLanded = false;
    const first = processView(base, (name, value) => {
      if (name !== 'sessions' || claimLanded || !(value as Session).outbox?.answers[0]?.sending) return;
      claimLanded = true;
      setImmediate(() => first.kill());
    });
    const bot1 = makeBot({ store: first.store });
    bots.push(bot1);
    const channel1 = new FakeDurableChannel();
    const send1 = channel1.durable.sendPiece;
    // A dead process sends nothing; a live one's call leaves at once (it is recorded when it is made).
    channel1.durable.sendPiece = (to, replies, index) => {
      if (first.killed()) return never();
      received.push(replyText(replies[index] as never));
      return send1(to, replies, index);
    };
    bot1.attach(channel1);
    await base.collection('sessions', Session).set('telegram:7', waiting(now, [plain('satu')]));
    await bot1.app.delivery.resume();
    for (let i = 0; i < 20 && !first.killed(); i++) await nextTurn();
    expect(claimLanded).toBe(true);
    expect(first.killed()).toBe(true);

    // Process 2 on the same store: finds the piece `sending` (maybe delivered), never sends it again.
    const bot2 = makeBot({ store: base });
    bots.push(bot2);
    const channel2 = new FakeDurableChannel();
    bot2.attach(channel2);
    await bot2.app.delivery.resume();
    await bot2.app.delivery.idle();
    received.push(...channel2.texts());

    expect(received).toEqual(['satu']);
  });

  it('the first piece after a start (no connection open yet) is at Telegram when the claim is answered', async () => {
    // A kill at the first thing this process does after the claim's answer (asking for the lock's release):
    // what it has not written to a socket by then never leaves. The request must be whole on the wire then,
    // not still connecting or going through telegraf's awaits (the soak's Redis kill rows lost answers there).
    const fake = await FakeTelegram.start();
    fakes.push(fake);
    const base = createMemoryStore();
    let claimLanded = false;
    const channel = new TelegramChannel({ token: FAKE_TOKEN, apiRoot: fake.apiRoot, linkPreview: false });
    const view = processView(
      base,
      (name, value) => {
        if (name === 'sessions' && (value as Session).outbox?.answers[0]?.sending) claimLanded = true;
      },
      () => {
        if (!claimLanded || view.killed()) return;
        view.kill();
        // The process is gone: its connections close (what it wrote to them was written), it opens no more.
        const agent = channel.bot.telegram.options.agent;
        agent?.destroy();
        if (agent) Object.assign(agent, { createConnection: () => { throw new Error('the process was killed'); } });
      },
    );
    const bot = makeBot({ store: view.store });
    bots.push(bot);
    bot.attach(channel);
    await base.collection('sessions', Session).set('telegram:7', waiting(new Date(), [plain('satu')]));
    await bot.app.delivery.resume();
    for (let i = 0; i < 50 && !view.killed(); i++) await nextTurn();
    expect(view.killed()).toBe(true);

    // The piece is `sending` in the store (the next process counts it, never resends it): it must have arrived.
    await fake.waitFor(() => fake.sentTo(7).length > 0, 2000).catch(() => undefined);
    expect(fake.sentTo(7).map((m) => m.text)).toEqual(['satu']);
    const stored = await base.collection('sessions', Session).get('telegram:7');
    expect(stored?.outbox?.answers[0]?.sending).toBe(true);
  });
});
