/**
 * Text normalisation for citizen messages: the first step of every classification (hot path).
 * lowercase + NFKC, accents/emoji/punctuation stripped, elongations undone (`tolongggg`),
 * spelling variants and slang mapped to standard forms through the lexicon (`ijin` -> `izin`,
 * `gmn` -> `bagaimana`, `gak` -> `tidak`). English words pass through untouched (`is` stays `is`).
 */
import { loadLexicon, type Lexicon } from './lexicon.js';

/** A function from raw text to normalised text (space-separated tokens, possibly empty). */
export type Normaliser = (text: string) => string;

/** Complaint ticket numbers (`ADU-7K3M9Q`) survive normalisation as one lowercase token. */
export const TICKET_PATTERN = /^[a-z]{2,4}-[a-z0-9]{4,10}$/;

// Everything that is not a letter, digit, or word-internal hyphen becomes a space. Emoji,
// symbols, punctuation, zero-width joiners and variation selectors all fall in that class.
const NON_WORD = /[^\p{L}\p{N}-]+/gu;
const COMBINING = /\p{M}+/gu;
const APOSTROPHE_IN_WORD = /(\p{L})['’`´](\p{L})/gu;
const EDGE_HYPHENS = /(^|\s)-+|-+(?=\s|$)/g;
const RUN3 = /(\p{L})\1{2,}/gu;
const DOUBLE = /(\p{L})\1/u;
const REDUP2 = /^(\p{L}{2,})2(nya|an|kan|lah)?$/u;
const TOKEN_CACHE_LIMIT = 20_000;

/**
 * The cheap, lexicon-free part of normalisation: case, Unicode, punctuation, emoji.
 * Returns the tokens (used by language detection too).
 */
export function tokenise(text: string): string[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const cleaned = text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING, '')
    .replace(APOSTROPHE_IN_WORD, '$1$2')
    .replace(NON_WORD, ' ')
    .replace(EDGE_HYPHENS, ' ');
  const out: string[] = [];
  for (const t of cleaned.split(' ')) if (t) out.push(t);
  return out;
}

/** All spellings of `token` where each run of 3+ equal letters becomes 1 or 2 letters (capped). */
function elongationCandidates(token: string): string[] {
  const parts = token.split(RUN3_SPLIT);
  // split with a capture group yields [text, run, text, run, ...]; runs are at odd indices
  let variants = [''];
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] ?? '';
    if (i % 2 === 0) {
      variants = variants.map((v) => v + part);
    } else {
      const ch = part.charAt(0);
      const next: string[] = [];
      for (const v of variants) next.push(v + ch, v + ch + ch);
      variants = next.slice(0, 16);
    }
  }
  return variants;
}
const RUN3_SPLIT = /((\p{L})\2{2,})/u;

/** Candidates where each existing double letter is either kept or made single (capped). */
function doubleCandidates(token: string): string[] {
  const out: string[] = [];
  const positions: number[] = [];
  for (let i = 1; i < token.length; i += 1) if (token[i] === token[i - 1]) positions.push(i);
  const n = Math.min(positions.length, 3);
  for (let mask = 1; mask < 1 << n; mask += 1) {
    let s = token;
    for (let b = n - 1; b >= 0; b -= 1) {
      const p = positions[b];
      if (p !== undefined && mask & (1 << b)) s = s.slice(0, p) + s.slice(p + 1);
    }
    out.push(s);
  }
  return out;
}

/**
 * Build a normaliser over a lexicon. Token results are memoised (bounded), so a typical
 * message costs a handful of Map lookups.
 */
export function createNormaliser(lexicon: Lexicon): Normaliser {
  const { map, known, pairs } = lexicon;
  const cache = new Map<string, string>();
  const isKnown = (w: string): boolean => known.has(w) || map.has(w);
  const lookup = (w: string): string => map.get(w) ?? w;

  const normaliseWord = (raw: string): string => {
    if (isKnown(raw)) return lookup(raw);
    let token = raw;
    if (RUN3.test(token)) {
      RUN3.lastIndex = 0;
      const candidates = elongationCandidates(token);
      token = candidates.find(isKnown) ?? token.replace(RUN3, '$1');
      RUN3.lastIndex = 0;
      if (isKnown(token)) return lookup(token);
    }
    // a trailing or inner doubled letter that is not real (`pagii`, `formm`, `makasihh`)
    if (DOUBLE.test(token)) {
      const single = doubleCandidates(token).find(isKnown);
      if (single !== undefined) return lookup(single);
    }
    // "notifnya", "formnya": a known word with the possessive "-nya" is that word (then "nya")
    if (token.length > 5 && token.endsWith('nya')) {
      const base = token.slice(0, -3);
      if (map.has(base)) return `${lookup(base)} nya`;
    }
    const redup = REDUP2.exec(token);
    if (redup) {
      const base = normaliseWord(redup[1] ?? '');
      return `${base}-${base}${redup[2] ?? ''}`;
    }
    return lookup(token);
  };

  const normaliseToken = (token: string): string => {
    const hit = cache.get(token);
    if (hit !== undefined) return hit;
    let result: string;
    if (token.includes('-')) {
      if (TICKET_PATTERN.test(token) || isKnown(token)) result = lookup(token);
      else {
        const parts = token.split('-').filter(Boolean);
        const same = parts.length === 2 && parts[0] === parts[1];
        result = same ? `${normaliseWord(parts[0] ?? '')}-${normaliseWord(parts[0] ?? '')}` : parts.map(normaliseWord).join(' ');
      }
    } else {
      result = normaliseWord(token);
    }
    if (cache.size >= TOKEN_CACHE_LIMIT) cache.clear(); // bounded: hostile input cannot grow it
    cache.set(token, result);
    return result;
  };

  return (text: string): string => {
    const tokens = tokenise(text);
    if (tokens.length === 0) return '';
    let out = '';
    for (let i = 0; i < tokens.length; i += 1) {
      const t = tokens[i] ?? '';
      // A two-word expression ("nuwun sewu") is read as one before its words are ("nuwun" alone is thanks).
      const pair = pairs.size > 0 ? pairs.get(t)?.get(tokens[i + 1] ?? '') : undefined;
      if (pair !== undefined) i += 1;
      const n = pair ?? normaliseToken(t);
      if (n) out = out ? `${out} ${n}` : n;
    }
    return out;
  };
}

let defaultNormaliser: Normaliser | undefined;

/**
 * Normalise with the shipped lexicon (loaded lazily on first call).
 * @example normalise('Gmn cara ngurus ijin usaha?? 🙏') // 'bagaimana cara urus izin usaha'
 */
export function normalise(text: string): string {
  defaultNormaliser ??= createNormaliser(loadLexicon());
  return defaultNormaliser(text);
}
