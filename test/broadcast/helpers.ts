/** Shared checks of the broadcast tests: subscriber seeding and what the fake Telegram server recorded. */
import type { TestBot as Bot } from '../support/app.js';
import type { ApiCall } from '../support/fake-telegram.js';

/** Subscribe `n` Telegram chats `first…first+n-1`; returns their chat ids. */
export async function subscribeTelegram(bot: Bot, n: number, first = 100_000): Promise<number[]> {
  const ids: number[] = [];
  const now = new Date();
  for (let i = 0; i < n; i++) {
    ids.push(first + i);
    await bot.subscriptions.set(`telegram:${first + i}`, true, 'test', now);
  }
  return ids;
}

/** The most calls in any sliding window of `ms` (timestamps as the server recorded them). */
export function maxInWindow(calls: readonly ApiCall[], ms = 1000): number {
  const at = calls.map((c) => c.at).sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < at.length; hi++) {
    while ((at[hi] ?? 0) - (at[lo] ?? 0) >= ms) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/** Messages per chat id, from successful sendMessage calls. */
export function perChat(calls: readonly ApiCall[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const c of calls) if (c.status === 200) m.set(Number(c.params.chat_id), (m.get(Number(c.params.chat_id)) ?? 0) + 1);
  return m;
}

/** Achieved rate of successful sends, messages per second, from first to last. */
export function achievedRate(calls: readonly ApiCall[]): number {
  const ok = calls.filter((c) => c.status === 200).map((c) => c.at);
  if (ok.length < 2) return 0;
  return (ok.length - 1) / ((Math.max(...ok) - Math.min(...ok)) / 1000);
}
