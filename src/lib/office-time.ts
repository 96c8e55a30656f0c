/** Times staff type (`2026-12-01T08:00`, meant in the office's time zone) and how they are shown back. */
import type { Language } from './language.js';

// Building an Intl.DateTimeFormat costs tens of microseconds (more than a classification); a consultation's
// promise of when staff read it parses a dozen local times, so each formatter is built once per zone.
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const whenFormats = new Map<string, Intl.DateTimeFormat>();

function offsetMs(at: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * `2026-12-01T08:00` in `timeZone` → a Date. A value with `Z` or an offset is taken as it says; a bare date
 * means 00:00 that day.
 * @returns undefined when the text is not a valid time.
 */
export function parseLocalTime(text: string, timeZone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return undefined;
  if (m[7]) {
    const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${m[7].length === 5 ? `${m[7].slice(0, 3)}:${m[7].slice(3)}` : m[7]}`);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  if (Number.isNaN(guess)) return undefined;
  const first = guess - offsetMs(guess, timeZone);
  return new Date(guess - offsetMs(first, timeZone));
}

/** `1 Desember 2026 08.00` in the office's time zone. */
export function formatWhen(iso: string, language: Language, timeZone: string): string {
  const key = `${language} ${timeZone}`;
  let format = whenFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone });
    whenFormats.set(key, format);
  }
  return format.format(new Date(iso));
}
