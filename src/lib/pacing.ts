/**
 * Pacing of sends, so the bot stays inside each platform's limits (replies and broadcasts alike).
 * - `SendBudget`: one per channel and process, shared by the replies to citizens and the announcements: sends
 *   evenly spaced at the overall rate (Telegram: no sliding 1-s window ever holds more than the rate), one gap
 *   per chat (`ChatGap`; longer in groups), one 429 pause; a reply waiting always gets the next slot before an
 *   announcement does.
 * - WhatsApp: `GapPacer` waits a random gap between sends (a human-like rhythm), and the daily cap is counted
 *   in the store per office day (`localDate`).
 */
import { localDate, sleep } from './time.js';

/** A clock, so tests and the pacer agree on time. */
export type Clock = () => number;

/** At least `gapMs` between two sends to the same chat (Telegram: 1 message per second per chat). */
export class ChatGap {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly gapMs = 1000,
    private readonly clock: Clock = Date.now,
  ) {}

  /** Wait until `chat` may get another message, and book the slot. */
  take(chat: string, signal?: AbortSignal): Promise<boolean> {
    return sleep(this.book(chat), signal);
  }

  /** Book `chat`'s next send `gapMs` after its last booked one (none for a gap of 0); the wait until then. */
  book(chat: string, gapMs = this.gapMs): number {
    if (gapMs <= 0) return 0;
    const now = this.clock();
    const at = Math.max(now, (this.last.get(chat) ?? -Infinity) + gapMs);
    this.last.set(chat, at);
    if (this.last.size > 50_000) this.prune(now);
    return at - now;
  }

  private prune(now: number): void {
    for (const [chat, at] of this.last) if (at + 60_000 < now) this.last.delete(chat);
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

/** Who asks for a slot of a {@link SendBudget}: a reply to someone who wrote goes before any announcement. */
export type SendPriority = 'reply' | 'broadcast';

/** The limits of one channel's budget (from its delivery profile). */
export interface BudgetLimits {
  /** Messages per second overall, evenly spaced. */
  ratePerSecond?: number;
  /** Least time between two messages to one chat. */
  perChatGapMs?: number;
  /** Least time before a reply to a chat (default `perChatGapMs`; 0 where the platform allows bursts). */
  replyGapMs?: number;
  /** Least time between two messages to one group chat (Telegram: 20 a minute → 3 s). */
  groupGapMs?: number;
}

interface Waiter {
  resolve(ok: boolean): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * The sending budget of one channel in one process, shared by replies and broadcasts. Slots come at the
 * overall rate, evenly spaced (never more than `ratePerSecond` start in a sliding second, late timers
 * included); each slot goes to the oldest waiting reply, and to an announcement only when no reply waits.
 * A 429 (`pause`) holds every sender of the channel. The per-chat gap is booked before the overall slot, so
 * a chat waiting out its gap never holds a slot others could use.
 */
export class SendBudget {
  private readonly intervalMs: number;
  private readonly maxPerWindow: number;
  private readonly queues: Record<SendPriority, Waiter[]> = { reply: [], broadcast: [] };
  private readonly starts: number[] = [];
  private readonly chats: ChatGap;
  private readonly gaps: Record<SendPriority | 'group', number>;
  private nextSlot = 0;
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    limits: BudgetLimits,
    private readonly clock: Clock = Date.now,
  ) {
    const rate = limits.ratePerSecond;
    this.intervalMs = rate !== undefined && rate > 0 ? 1000 / rate : 0;
    this.maxPerWindow = rate !== undefined && rate > 0 ? Math.max(1, Math.floor(rate)) : Infinity;
    const chat = limits.perChatGapMs ?? 0;
    this.chats = new ChatGap(chat, clock);
    this.gaps = { broadcast: chat, reply: limits.replyGapMs ?? chat, group: limits.groupGapMs ?? chat };
  }

  /** Sends waiting for a slot, by priority (metrics, tests). */
  waiting(): Record<SendPriority, number> {
    return { reply: this.queues.reply.length, broadcast: this.queues.broadcast.length };
  }

  /**
   * Wait until one message to `chat` may go out. Resolves false when `signal` aborts first.
   * @param group - the chat is a group (its own, longer gap)
   */
  async take(chat: string, priority: SendPriority, signal?: AbortSignal, group = false): Promise<boolean> {
    if (!(await sleep(this.chats.book(chat, group ? this.gaps.group : this.gaps[priority]), signal))) return false;
    if (signal?.aborted) return false;
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        resolve,
        signal,
        onAbort: () => {
          const queue = this.queues[priority];
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          resolve(false);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queues[priority].push(waiter);
      this.pump();
    });
  }

  /** Hold every sender of this channel for `ms` (a 429's retry_after). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.pump();
  }

  /** Hand out every slot that is due now; arm one timer for the next. */
  private pump(): void {
    if (this.timer) return;
    for (;;) {
      const waiter = this.queues.reply[0] ?? this.queues.broadcast[0];
      if (!waiter) return;
      const now = this.clock();
      const due = Math.max(this.nextSlot, this.pausedUntil, this.windowFree(now));
      if (due > now) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, due - now);
        this.timer.unref?.();
        return;
      }
      (this.queues.reply[0] === waiter ? this.queues.reply : this.queues.broadcast).shift();
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      // A timer fires a little late: keep to the plan then (late by less than a slot), or every slot would
      // drift by that much and the rate fall short; after a longer pause, plan from now (no burst to catch up).
      this.nextSlot = (now - this.nextSlot < this.intervalMs ? this.nextSlot : now) + this.intervalMs;
      if (this.maxPerWindow !== Infinity) this.starts.push(now);
      waiter.resolve(true);
    }
  }

  /** When the sliding one-second window has room for another start. */
  private windowFree(now: number): number {
    while (this.starts.length > 0 && (this.starts[0] ?? 0) <= now - 1000) this.starts.shift();
    if (this.starts.length < this.maxPerWindow) return now;
    return (this.starts[0] ?? now) + 1000 + 1;
  }
}
