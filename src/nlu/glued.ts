/**
 * Words typed without spaces ("FORMULIRSIUPDIMANA", "jambukakantor"): split back into words the bot knows, so the
 * message reads as typed with spaces. Only a long run of letters that is no known word is split, and only when it
 * splits wholly into a few known words; anything else is left as it was.
 */

/** Runs of letters at least this long may be glued words (shorter ones are words or typos of one). */
const MIN_GLUED = 10;
/** Longest run considered (a longer one is no chat message's word; the split is quadratic in it). */
const MAX_GLUED = 48;
/** Most words one run may split into ("minggu belum ada kabar sama sekali" is six). */
const MAX_PIECES = 8;
/** Fewest letters a piece has on average: "ha"×8 is laughter, not eight words. */
const MIN_MEAN_PIECE = 3;
/** Shortest and longest piece: one-letter pieces would split anything. */
const MIN_PIECE = 2;
const MAX_PIECE = 16;
// (Latin letters only: the vocabulary is Latin, and an ASCII class is cheaper than \p{L} on every message)
const RUN = /[A-Za-z]{10,}/g;
/** Runs remembered, split or not: the same long words come back message after message (bounded, like the normaliser's). */
const CACHE_LIMIT = 10_000;

/**
 * The fewest known words that make up `run` exactly, or undefined when none do (within {@link MAX_PIECES}).
 * Fewest words wins ("dimana", not "di mana" split further), then the longer first word.
 */
export function splitGlued(run: string, vocabulary: ReadonlySet<string>): string[] | undefined {
  const s = run.toLowerCase();
  const n = s.length;
  if (n < MIN_GLUED || n > MAX_GLUED) return undefined;
  // fewest[i]: fewest pieces making up s.slice(i); next[i]: where the first of them ends.
  const fewest = new Array<number>(n + 1).fill(Infinity);
  const next = new Array<number>(n + 1).fill(-1);
  fewest[n] = 0;
  for (let i = n - MIN_PIECE; i >= 0; i -= 1) {
    for (let j = Math.min(n, i + MAX_PIECE); j >= i + MIN_PIECE; j -= 1) {
      const rest = fewest[j] ?? Infinity;
      if (rest + 1 < (fewest[i] ?? Infinity) && vocabulary.has(s.slice(i, j))) {
        fewest[i] = rest + 1;
        next[i] = j;
      }
    }
  }
  const count = fewest[0] ?? Infinity;
  if (count < 2 || count > MAX_PIECES || n / count < MIN_MEAN_PIECE) return undefined;
  const pieces: string[] = [];
  for (let i = 0; i < n; i = next[i] ?? n) pieces.push(s.slice(i, next[i]));
  return pieces;
}

/**
 * A function that splits the glued words of a text ("FORMULIRSIUPDIMANA" -> "formulir siup dimana"), leaving
 * every known word and every run it cannot split as it was. `vocabulary` gives the known words (lower case), asked
 * for only when a text has a long run of letters (so it may be built on first use). A text with an address in it
 * (a URL, an email) is left whole: its host names are runs of letters that are no words.
 */
export function createUngluer(vocabulary: () => ReadonlySet<string>): (text: string) => string {
  const seen = new Map<string, string>();
  const unglueRun = (run: string): string => {
    const hit = seen.get(run);
    if (hit !== undefined) return hit;
    const words = vocabulary();
    const pieces = words.has(run.toLowerCase()) ? undefined : splitGlued(run, words);
    const out = pieces ? pieces.join(' ') : run;
    if (seen.size >= CACHE_LIMIT) seen.clear(); // bounded: hostile input cannot grow it
    seen.set(run, out);
    return out;
  };
  return (text) => {
    if (!/[A-Za-z]{10}/.test(text) || /:\/\/|www\.|@/i.test(text)) return text;
    return text.replace(RUN, unglueRun);
  };
}
