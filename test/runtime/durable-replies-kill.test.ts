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
import { plain, replyText } from '../../src/kernel/message.js';
import { Session } from '../../src/kernel/session.js';
import { createMemoryStore, type Collection, type Store } from '../../src/store/store.js';
import { makeBot, type TestBot } from '../support/app.js';
import { FakeDurableChannel, waiting } from '../support/durable-channel.js';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One process's view of a shared store: Redis-like answers a turn later; dead once `kill()` ran. */
function processView(base: Store, onAnswered: (name: string, value: unknown) => void = () => undefined): { store: Store; killed: () => boolean; kill(): void } {
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
        if (dead) return never();
        await answer(undefined);
      };
    },
    close: () => base.close(),
  };
  return { store, killed: () => dead, kill: () => void (dead = true) };
}

const bots: TestBot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.app.delivery.stop(0);
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
});
