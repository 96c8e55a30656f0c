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

let isoMs = NaN;
let isoText = '';
/** The start (epoch ms) of the UTC day of the last instant formatted by `toISOString`, and its `YYYY-MM-DDT`. */
let isoDay = NaN;
let isoDayText = '';
const DAY_MS = 86_400_000;
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `instant.toISOString()`, cheaper: V8's formatting costs about a microsecond, and a turn writes its time into
 * the session (and its forms) every time. The same instant gives the text it gave last; another instant of
 * the same UTC day as the last one `toISOString` formatted is written from that day's `YYYY-MM-DDT` and the
 * time of day (a UTC day has no leap seconds in JavaScript); anything else is `toISOString`'s.
 * @throws RangeError for an invalid date, as `toISOString` does
 */
export function isoTime(instant: Date): string {
  const ms = instant.getTime();
  if (ms === isoMs) return isoText;
  const intoDay = ms - isoDay;
  if (intoDay >= 0 && intoDay < DAY_MS) {
    const seconds = Math.floor(intoDay / 1000);
    isoText = `${isoDayText}${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}.${pad3(intoDay % 1000)}Z`;
  } else {
    isoText = instant.toISOString(); // throws for an invalid date (NaN never equals the cached instant)
    // Only the everyday form (years 0000–9999) has its day in the first 11 characters.
    if (isoText.length === 24) {
      isoDay = ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
      isoDayText = isoText.slice(0, 11);
    } else isoDay = NaN;
  }
  isoMs = ms;
  return isoText;
}

/** The value of the ASCII digits of `text` from `from` to `to` (exclusive), or -1 when one is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * `Date.parse(text)`, with the format `toISOString` writes (`2026-03-17T02:00:00.000Z`) read directly: V8's
 * general date parser costs more than a microsecond, and every turn reads its session's last time. Anything
 * else (another format, a component out of the everyday range) goes to `Date.parse`, so the result is always
 * `Date.parse`'s.
 */
export function parseIsoTime(text: string): number {
  if (
    text.length === 24 &&
    text.charCodeAt(4) === 45 && // -
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 84 && // T
    text.charCodeAt(13) === 58 && // :
    text.charCodeAt(16) === 58 &&
    text.charCodeAt(19) === 46 && // .
    text.charCodeAt(23) === 90 // Z
  ) {
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 7);
    const day = digits(text, 8, 10);
    const hour = digits(text, 11, 13);
    const minute = digits(text, 14, 16);
    const second = digits(text, 17, 19);
    const milli = digits(text, 20, 23);
    // Days up to 28 and hours up to 23: where Date.parse and Date.UTC cannot differ (no month-end, no 24:00).
    if (year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && milli >= 0) {
      return Date.UTC(year, month - 1, day, hour, minute, second, milli);
    }
  }
  return Date.parse(text);
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

