/** Time helpers shared by the retry policy, broadcast pacing and complaint deadlines. */

/** Wait `ms`; resolves false when `signal` aborts first (shutdown), true otherwise. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `instant` in `timeZone`, as `YYYY-MM-DD` (formatters are built once per zone). */
export function localDate(instant: Date, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f.format(instant);
}

/** Delays between connection attempts. */
export interface Backoff {
  /** The first delay (ms). */
  initialMs: number;
  /** The cap (ms): a long outage is retried at this pace forever. */
  maxMs: number;
  /** Growth per attempt; 2 by default. */
  factor?: number;
}

/** A production pace for reconnecting and restarting: 5 s, 10 s, 20 s … capped at 5 minutes. */
export const DEFAULT_BACKOFF: Backoff = { initialMs: 5_000, maxMs: 300_000, factor: 2 };

/**
 * The delay before attempt `attempt` (0-based): `initialMs · factor^attempt`, capped at `maxMs`, minus up to
 * 20 % jitter so that several instances do not hammer WhatsApp in step.
 */
export function backoffDelay(attempt: number, b: Backoff, random: () => number = Math.random): number {
  const raw = b.initialMs * (b.factor ?? 2) ** Math.max(0, attempt);
  const capped = Math.min(b.maxMs, raw);
  return Math.max(0, Math.round(capped * (1 - 0.2 * random())));
}

