/**
 * Pacing of broadcast sends, so the bot stays inside each platform's limits.
 * - Telegram: `RatePacer` spaces sends evenly at `rate` per second (no bursts, so no sliding 1-s window ever
 *   holds more than `rate` + 1), and a 429 pauses the whole lane for `retry_after`; `ChatGap` keeps 1 s between
 *   two messages to the same chat.
 * - WhatsApp: `GapPacer` waits a random gap between sends (a human-like rhythm), and the daily cap is counted
 *   in the store per office day (`localDate`).
 */
import { localDate, sleep } from '../../lib/time.js';

/** A clock, so tests and the pacer agree on time. */
export type Clock = () => number;

/**
 * Evenly spaced slots at `ratePerSecond`, shared by every concurrent sender of one lane. Timers fire late when
 * the event loop is busy, and a batch of late timers would go out as a burst: a second gate counts the real
 * start times and never lets more than `ratePerSecond` start in any sliding second.
 */
export class RatePacer {
  private next = 0;
  private readonly intervalMs: number;
  private readonly maxPerWindow: number;
  private readonly starts: number[] = [];
  private head = 0;

  constructor(
    ratePerSecond: number,
    private readonly clock: Clock = Date.now,
  ) {
    if (!(ratePerSecond > 0)) throw new Error('rate must be positive');
    this.intervalMs = 1000 / ratePerSecond;
    this.maxPerWindow = Math.max(1, Math.floor(ratePerSecond));
  }

  /** Wait for the next slot. Resolves false when aborted. */
  async take(signal?: AbortSignal): Promise<boolean> {
    const now = this.clock();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (!(await sleep(at - now, signal))) return false;
    for (;;) {
      const t = this.clock();
      while (this.head < this.starts.length && (this.starts[this.head] ?? 0) <= t - 1000) this.head++;
      if (this.head > 1024) {
        this.starts.splice(0, this.head);
        this.head = 0;
      }
      if (this.starts.length - this.head < this.maxPerWindow) {
        this.starts.push(t);
        return true;
      }
      if (!(await sleep((this.starts[this.head] ?? t) + 1000 - t + 1, signal))) return false;
    }
  }

  /** Hold every sender of this lane for `ms` (a 429's retry_after). */
  pause(ms: number): void {
    this.next = Math.max(this.next, this.clock() + ms);
  }
}

/** At least `gapMs` between two sends to the same chat (Telegram: 1 message per second per chat). */
export class ChatGap {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly gapMs = 1000,
    private readonly clock: Clock = Date.now,
  ) {}

  /** Wait until `chat` may get another message, and book the slot. */
  take(chat: string, signal?: AbortSignal): Promise<boolean> {
    const now = this.clock();
    const at = Math.max(now, (this.last.get(chat) ?? -Infinity) + this.gapMs);
    this.last.set(chat, at);
    if (this.last.size > 50_000) this.prune(now);
    return sleep(at - now, signal);
  }

  private prune(now: number): void {
    for (const [chat, at] of this.last) if (at + this.gapMs < now) this.last.delete(chat);
  }
}

/** One send at a time with a random gap in [minMs, maxMs] between sends (WhatsApp). */
export class GapPacer {
  private next = 0;

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
    private readonly clock: Clock = Date.now,
  ) {}

  /** The gap before the next send. */
  gap(): number {
    return Math.round(this.minMs + this.random() * (this.maxMs - this.minMs));
  }

  /** Wait for the next slot. Resolves false when aborted. */
  take(signal?: AbortSignal): Promise<boolean> {
    const now = this.clock();
    const at = Math.max(now, this.next);
    this.next = at + this.gap();
    return sleep(at - now, signal);
  }

  /** Hold the lane for `ms`. */
  pause(ms: number): void {
    this.next = Math.max(this.next, this.clock() + ms);
  }
}

/** Milliseconds from `at` to the start of the next day in `timeZone` (found by stepping, DST-safe enough). */
export function msUntilNextDay(at: Date, timeZone: string): number {
  const today = localDate(at, timeZone);
  let lo = at.getTime();
  let hi = lo + 26 * 3_600_000;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDate(new Date(mid), timeZone) === today) lo = mid;
    else hi = mid;
  }
  return hi - at.getTime();
}
