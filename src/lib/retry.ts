/**
 * The one retry policy for calls to chat platforms (Telegram replies and notifications, the broadcast queue).
 * - 429: wait exactly what the platform asked (`retryAfter` seconds), unless that is longer than the caller
 *   can wait: then give up and let the caller reschedule (a broadcast queue can, a reply should not stall).
 * - 400/401/403/404/409: give up at once; repeating the call cannot help (bad request, bad token, blocked).
 * - 5xx and network errors: back off exponentially, with jitter, up to a cap, a bounded number of times.
 * - anything else (a bug): give up.
 * A network error may hide a call that did reach the platform, so a retried send can arrive twice; that is
 * the price of not losing it.
 */
import { NetworkError, PlatformApiError } from './errors.js';
import { sleep } from './time.js';

/** Limits of one retry loop. */
export interface RetryPolicy {
  /** Calls in all, the first included. */
  maxAttempts: number;
  /** First backoff delay for network errors and 5xx. */
  baseDelayMs: number;
  /** Cap of a backoff delay. */
  maxDelayMs: number;
  /** Longest 429 `retryAfter` waited in place; a longer one is thrown for the caller to reschedule. */
  maxRetryAfterMs: number;
}

/** Defaults for interactive sends: a reply waits at most a minute for a 429, a network hiccup ~15 s in all. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

/** What to do after a failed attempt. */
export type RetryDecision = { retry: false; reason: string } | { retry: true; delayMs: number; reason: string };

/**
 * Decide about a failure of attempt `attempt` (1-based). Pure; `random` in [0,1) gives the jitter.
 */
export function retryDecision(err: unknown, attempt: number, policy: RetryPolicy, random: () => number = Math.random): RetryDecision {
  if (attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts exhausted' };
  if (err instanceof PlatformApiError) {
    if (err.code === 429) {
      const delayMs = Math.max(0, (err.retryAfter ?? 1) * 1000);
      if (delayMs > policy.maxRetryAfterMs) return { retry: false, reason: `retry_after ${err.retryAfter}s is too long to wait here` };
      return { retry: true, delayMs, reason: 'rate limited' };
    }
    if (err.code >= 500) return { retry: true, delayMs: backoff(attempt, policy, random), reason: `server error ${err.code}` };
    return { retry: false, reason: `${err.code} is final` };
  }
  if (err instanceof NetworkError) return { retry: true, delayMs: backoff(attempt, policy, random), reason: 'network error' };
  return { retry: false, reason: 'not a platform error' };
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries of many calls spread out. */
function backoff(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Options of {@link withRetry}. */
export interface RetryOptions {
  policy?: Partial<RetryPolicy>;
  /** Aborting (shutdown) ends a wait at once; the last error is thrown. */
  signal?: AbortSignal;
  /** Called before each wait (logging, metrics). */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  random?: () => number;
}

/**
 * Run `call` under the retry policy. Resolves with its first success.
 * @throws the last error when the policy gives up (or the signal aborts a wait).
 */
export async function withRetry<T>(call: (attempt: number) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.policy };
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (err) {
      const decision = retryDecision(err, attempt, policy, opts.random);
      if (!decision.retry || opts.signal?.aborted) throw err;
      opts.onRetry?.(err, attempt, decision.delayMs);
      if (!(await sleep(decision.delayMs, opts.signal))) throw err;
    }
  }
}
