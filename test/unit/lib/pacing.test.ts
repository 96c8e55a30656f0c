/**
 * The shared sending budget of a channel: even slots at the overall rate, replies before announcements,
 * the per-chat and group gaps, a 429 holding everyone, and aborting a wait.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SendBudget } from '../../../src/lib/pacing.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

/** Take a slot and record when it was granted, and to whom. */
function taker(budget: SendBudget, log: string[]) {
  return (chat: string, priority: 'reply' | 'broadcast', label = `${priority}:${chat}`, group = false) =>
    budget.take(chat, priority, undefined, group).then((ok) => {
      if (ok) log.push(`${label}@${Date.now()}`);
    });
}

describe('SendBudget', () => {
  it('spaces slots evenly at the overall rate', async () => {
    const log: string[] = [];
    const take = taker(new SendBudget({ ratePerSecond: 10 }), log);
    const all = Promise.all(['a', 'b', 'c', 'd'].map((c) => take(c, 'reply')));
    await vi.advanceTimersByTimeAsync(1000);
    await all;
    expect(log).toEqual(['reply:a@0', 'reply:b@100', 'reply:c@200', 'reply:d@300']);
  });

  it('gives the next slot to a waiting reply before any waiting announcement', async () => {
    const log: string[] = [];
    const take = taker(new SendBudget({ ratePerSecond: 10 }), log);
    const broadcasts = ['p', 'q', 'r'].map((c) => take(c, 'broadcast'));
    const reply = take('x', 'reply');
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all([...broadcasts, reply]);
    // The first announcement had its slot at once; the reply jumps the two still waiting.
    expect(log).toEqual(['broadcast:p@0', 'reply:x@100', 'broadcast:q@200', 'broadcast:r@300']);
  });

  it('keeps the per-chat gap, and the longer group gap, without holding other chats', async () => {
    const log: string[] = [];
    const take = taker(new SendBudget({ perChatGapMs: 1000, groupGapMs: 3000 }), log);
    const all = Promise.all([
      take('a', 'reply', 'a1'),
      take('a', 'reply', 'a2'),
      take('b', 'reply', 'b1'),
      take('-100', 'reply', 'g1', true),
      take('-100', 'reply', 'g2', true),
    ]);
    await vi.advanceTimersByTimeAsync(5000);
    await all;
    expect(log.sort()).toEqual(['a1@0', 'a2@1000', 'b1@0', 'g1@0', 'g2@3000'].sort());
  });

  it('holds every sender for a 429 and then resumes at the rate', async () => {
    const log: string[] = [];
    const budget = new SendBudget({ ratePerSecond: 10 });
    const take = taker(budget, log);
    await take('a', 'reply');
    budget.pause(2000);
    const all = Promise.all([take('b', 'reply'), take('c', 'broadcast')]);
    await vi.advanceTimersByTimeAsync(3000);
    await all;
    expect(log).toEqual(['reply:a@0', 'reply:b@2000', 'broadcast:c@2100']);
  });

  it('never lets more than the rate start in one sliding second, and an aborted wait gives up its place', async () => {
    const budget = new SendBudget({ ratePerSecond: 5 });
    const stop = new AbortController();
    const times: number[] = [];
    const all = Promise.all(Array.from({ length: 12 }, (_, i) => budget.take(`c${i}`, 'reply').then(() => times.push(Date.now()))));
    const gone = budget.take('z', 'broadcast', stop.signal);
    await vi.advanceTimersByTimeAsync(300);
    stop.abort();
    expect(await gone).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    await all;
    for (const t of times) expect(times.filter((u) => u > t - 1000 && u <= t).length).toBeLessThanOrEqual(5);
    expect(budget.waiting()).toEqual({ reply: 0, broadcast: 0 });
  });
});
