/**
 * Telegram takes at most 4096 characters of text per message, counted in UTF-16 code units *after* entity
 * parsing (so on the visible text, not the HTML). Longer texts are cut at the best boundary within the limit:
 * a paragraph break, else a line break, else the end of a sentence, else a space, else anywhere that does not
 * split a surrogate pair.
 */

/** Telegram's limit on the text of one message. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** A chunk of a text: `[start, end)` in UTF-16 units, whitespace at the cut excluded. */
export interface Span {
  start: number;
  end: number;
}

/** Boundaries in order of preference; a cut only counts if it keeps at least `minShare` of the window. */
const BOUNDARIES: readonly { pattern: RegExp; minShare: number }[] = [
  { pattern: /\n[ \t]*\n\s*/g, minShare: 0.3 },
  { pattern: /\n\s*/g, minShare: 0.3 },
  { pattern: /(?<=[.!?…]["')\]]*)\s+/g, minShare: 0.3 },
  { pattern: /\s+/g, minShare: 0 },
];

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Where to cut the chunk starting at `from`: `[end of this chunk, start of the next)`. */
function bestCut(text: string, from: number, limit: number): [number, number] {
  const windowEnd = from + limit;
  // Look one character past the limit so that whitespace right at the limit counts as a boundary.
  const window = text.slice(from, windowEnd + 1);
  for (const { pattern, minShare } of BOUNDARIES) {
    let best: [number, number] | undefined;
    for (const m of window.matchAll(pattern)) {
      // The separator may run past the limit; the chunk itself must end within it.
      const cutAt = m.index;
      if (cutAt > limit) break;
      if (cutAt > 0 && cutAt >= limit * minShare) best = [from + cutAt, from + m.index + m[0].length];
    }
    if (best) return best;
  }
  let cut = windowEnd;
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  return [cut, cut];
}

/**
 * Cut `text` into spans of at most `limit` UTF-16 units. Spans that would hold only whitespace are dropped.
 */
export function splitSpans(text: string, limit = TELEGRAM_TEXT_LIMIT): Span[] {
  if (limit < 2) throw new RangeError('limit must be at least 2');
  const spans: Span[] = [];
  let start = text.search(/\S/);
  if (start < 0) return spans;
  while (start < text.length) {
    if (text.length - start <= limit) {
      const end = start + text.slice(start).trimEnd().length;
      if (end > start) spans.push({ start, end });
      break;
    }
    const [end, next] = bestCut(text, start, limit);
    const trimmedEnd = start + text.slice(start, end).trimEnd().length;
    if (trimmedEnd > start) spans.push({ start, end: trimmedEnd });
    start = next;
    while (start < text.length && /\s/.test(text.charAt(start))) start += 1;
  }
  return spans;
}

/** `splitSpans` as strings. */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  return splitSpans(text, limit).map((s) => text.slice(s.start, s.end));
}
