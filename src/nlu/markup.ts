/**
 * Markup stripped before classification: what a person pastes from a web page, an e-mail or a formatted chat
 * (`<a href="…">klik</a> formulir imb`, `**formulir**`, `&nbsp;`, `[link](https://…)`) is read as its words.
 * A URL counts by the words of its host and path (`https://oss.go.id/…` → "oss"), never by its scheme or
 * top-level domain; for language detection URLs are dropped altogether (see {@link withoutUrls}).
 */

// A tag must start with a letter (or `/` and a letter), so "<3" and "a < b" are left alone.
const TAG = /<\/?[a-z][^<>]{0,500}>/gi;
const ENTITY = /&(#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi;
const MD_LINK = /\[([^\]]{0,200})\]\(([^)\s]{0,500})\)/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"']+|\b(?:[a-z0-9-]+\.)+(?:id|com|net|org|go\.id|co\.id|ly|io)(?:\/[^\s<>"']*)?/gi;
const MENTION = /(^|\s)@[a-z0-9_]{3,}/gi;
const URL_NOISE: ReadonlySet<string> = new Set([
  'http', 'https', 'www', 'com', 'co', 'id', 'go', 'net', 'org', 'or', 'ac', 'io', 'ly', 'html', 'htm', 'php', 'asp',
  'aspx', 'index', 'amp', 'utm', 'source', 'medium', 'campaign', 'ref', 'fbclid', 'bit',
]);
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The words of a URL that say something: host labels and path segments, no scheme, TLD or query noise. */
function urlWords(url: string): string {
  const noQuery = url.replace(/[?#].*$/, '');
  return noQuery
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2 && !URL_NOISE.has(w) && /[a-z]/.test(w) && !/\d.*\d.*\d/.test(w))
    .join(' ');
}

function decodeEntity(_m: string, body: string): string {
  if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(Math.min(parseInt(body.slice(2), 16), 0x10ffff));
  if (body.startsWith('#')) return String.fromCodePoint(Math.min(parseInt(body.slice(1), 10), 0x10ffff));
  return NAMED[body.toLowerCase()] ?? ' ';
}

/** True when the text may hold markup, entities or URLs (a cheap pre-check for the hot path). */
export function mayHaveMarkup(text: string): boolean {
  return /[<&[@]|\.[a-z]{2,3}\b|:\/\//i.test(text);
}

/**
 * Text with HTML tags, entities, Markdown links, e-mail addresses and @mentions removed and each URL replaced by
 * its meaningful words. Plain text comes back unchanged.
 * @example stripMarkup('<a href="http://x.go.id">klik</a> formulir imb') // ' klik  formulir imb'
 */
export function stripMarkup(text: string): string {
  if (!mayHaveMarkup(text)) return text;
  return text
    .replace(MD_LINK, (_m, label: string, url: string) => ` ${label} ${urlWords(url)} `)
    .replace(TAG, ' ')
    .replace(ENTITY, decodeEntity)
    .replace(TAG, ' ') // entities may have encoded tags (&lt;b&gt;)
    .replace(EMAIL, ' ')
    .replace(URL, (u) => ` ${urlWords(u)} `)
    .replace(MENTION, '$1');
}

/** Text with markup stripped and URLs removed entirely: what language detection reads. */
export function withoutUrls(text: string): string {
  if (!mayHaveMarkup(text)) return text;
  return stripMarkup(text.replace(EMAIL, ' ').replace(MD_LINK, ' $1 ').replace(URL, ' '));
}
