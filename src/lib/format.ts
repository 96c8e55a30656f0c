/** Formatting of dates and lists for replies, in the office's time zone. Formatters are built once. */
import type { Language } from './language.js';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, timeZone: string): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone });
    cache.set(key, f);
  }
  return f;
}

/** Dates already formatted: replies name the same few dates (the closure's, a ticket's) over and over. */
const formatted = new Map<string, string>();
const FORMATTED_KEPT = 1000;

/** `2020-09-14` → `14 September 2020` (id) / `14 September 2020` (en). Date-only values are read as noon UTC. */
export function formatDate(value: string | Date, language: Language, timeZone: string): string {
  // Intl formatting is deterministic for one instant, language and zone: remembered by those.
  const key = `${language}|${timeZone}|${typeof value === 'string' ? `s${value}` : `d${value.getTime()}`}`;
  let text = formatted.get(key);
  if (text === undefined) {
    const date = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T12:00:00Z` : value) : value;
    text = formatter(language, timeZone).format(date);
    if (formatted.size >= FORMATTED_KEPT) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

/** `a, b dan c` / `a, b and c`. */
export function joinList(items: readonly string[], language: Language): string {
  if (items.length <= 1) return items[0] ?? '';
  const and = language === 'id' ? ' dan ' : ' and ';
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

/** One bullet line a item: `• a\n• b`. */
export function bullets(items: readonly string[]): string {
  return items.map((i) => `• ${i}`).join('\n');
}

/**
 * Cut `text` to at most `max` UTF-16 units (the unit of JavaScript strings and of Telegram's limits) without
 * splitting a surrogate pair: never half an emoji, stored or sent. Every cut of text a person wrote or reads
 * goes through here.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
