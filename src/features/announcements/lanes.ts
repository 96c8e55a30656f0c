/**
 * A lane is one channel's sending path inside one process: its pacing and how one message is sent under the
 * shared retry policy (`lib/retry.ts`). A 429 pauses the whole lane for `retry_after`; 401/403 are final
 * at once; 5xx and network errors back off, then count as failed.
 */
import { PlatformApiError } from '../../lib/errors.js';
import type { Reply } from '../../kernel/message.js';
import { DEFAULT_RETRY, retryDecision, type RetryPolicy } from '../../lib/retry.js';
import { sleep } from '../../lib/time.js';
import type { DeliveryProfile } from '../../kernel/channel.js';
import type { PushChannel } from './channels.js';
import { GapPacer, SendBudget } from '../../lib/pacing.js';

/** How a send ended. */
export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'unreachable'; code: number }
  | { kind: 'failed'; code?: number }
  /** Stopped (shutdown) before a confirmed outcome; `maybeDelivered` when the last try got no answer. */
  | { kind: 'aborted'; maybeDelivered: boolean };

/** Sends one message to one person (the outbox's `sendTo`, routing to the channel by user-key prefix). */
export type SendFn = (userKey: string, replies: readonly Reply[]) => Promise<void>;

/** Pacing of one channel in one process. */
export interface Lane {
  /** The channel's name. */
  readonly channel: string;
  /** Wait until a message to `userKey` may go out. False when aborted. */
  slot(userKey: string, signal: AbortSignal): Promise<boolean>;
  /** Hold the whole lane (429). */
  pause(ms: number): void;
}

/** How many sends of a channel may be in flight at once: one when gaps are random, else the profile's. */
export function laneConcurrency(profile: DeliveryProfile): number {
  if (profile.randomGapMs) return 1;
  return Math.max(1, Math.floor(profile.concurrency ?? 1));
}

/**
 * The lane of one channel, from its delivery profile: `ratePerSecond` spaces sends evenly (a 429 pauses
 * them), `perChatGapMs` keeps that much between two messages to one chat, `randomGapMs` waits a random gap
 * between any two sends. A profile with none of them sends as fast as the channel answers. The daily cap is
 * not the lane's: the worker counts it in the store.
 */
export function buildLane(
  channel: Pick<PushChannel, 'name' | 'delivery' | 'budget'>,
  opts: { random?: () => number; clock?: () => number } = {},
): Lane {
  const clock = opts.clock ?? Date.now;
  const p = channel.delivery;
  const gap = p.randomGapMs ? new GapPacer(p.randomGapMs.min, p.randomGapMs.max, opts.random, clock) : undefined;
  // One budget with the channel's replies where the app gives one; a lane of its own otherwise (CLI, tests).
  // An announcement takes a slot only when no reply waits for one.
  const budget = channel.budget ?? new SendBudget(p, clock);
  return {
    channel: channel.name,
    async slot(userKey, signal) {
      if (!(await budget.take(userKey, 'broadcast', signal))) return false;
      return gap ? gap.take(signal) : true;
    },
    pause(ms) {
      budget.pause(ms);
      gap?.pause(ms);
    },
  };
}

/** The retry policy of broadcast sends: a queue can wait out long 429s (up to an hour), unlike a reply. */
export const BROADCAST_RETRY: RetryPolicy = { ...DEFAULT_RETRY, maxAttempts: 4, maxRetryAfterMs: 3_600_000 };

/** At most this many 429s in a row for one message before it counts as failed. */
const MAX_RATE_LIMITED = 10;

/**
 * Send `replies` to `userKey` on `lane`: wait for a slot, send, and retry as the policy says. The caller marks
 * the delivery `sending` in `beforeFirstTry`, after the slot and before the call (at-most-once).
 * @throws only what `beforeFirstTry` throws (the store is down: nothing was sent).
 */
export async function sendPaced(
  lane: Lane,
  send: SendFn,
  userKey: string,
  replies: readonly Reply[],
  signal: AbortSignal,
  opts: {
    /** Runs once, after the first slot and before the first try: mark the delivery `sending` here. */
    beforeFirstTry?: () => Promise<void>;
    policy?: RetryPolicy;
    random?: () => number;
  } = {},
): Promise<SendOutcome> {
  const policy = opts.policy ?? BROADCAST_RETRY;
  let before = opts.beforeFirstTry;
  let attempt = 1;
  let limited = 0;
  let maybeDelivered = false;
  for (;;) {
    if (!(await lane.slot(userKey, signal))) return { kind: 'aborted', maybeDelivered };
    if (before) {
      await before();
      before = undefined;
    }
    try {
      await send(userKey, replies);
      return { kind: 'sent' };
    } catch (err) {
      const code = err instanceof PlatformApiError ? err.code : undefined;
      maybeDelivered = code === undefined;
      if (code === 403 || (code === 400 && isGoneChat(err))) return { kind: 'unreachable', code };
      const decision = retryDecision(err, code === 429 ? 1 : attempt, policy, opts.random);
      if (!decision.retry) return { kind: 'failed', ...(code !== undefined ? { code } : {}) };
      if (code === 429) {
        // The channel says the whole bot is sending too fast: hold every sender of this lane.
        limited += 1;
        if (limited > MAX_RATE_LIMITED) return { kind: 'failed', code };
        lane.pause(decision.delayMs);
        continue;
      }
      attempt += 1;
      if (!(await sleep(decision.delayMs, signal))) return { kind: 'aborted', maybeDelivered };
    }
  }
}

/** Some platforms answer 400 "chat not found" for a deleted account or a chat that never existed. */
function isGoneChat(err: unknown): boolean {
  return err instanceof PlatformApiError && /chat not found|user is deactivated/i.test(err.description);
}
