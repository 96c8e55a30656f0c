/**
 * The normaliser's lexicon: informal/variant spellings -> standard forms, plus the set of words
 * known to be real (used to undo letter elongation like `tolongggg`). Built once at start-up.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseLexiconTsv, type LexiconPair } from './lexicon/curate.js';

/** A ready-to-use lexicon: O(1) lookups on the hot path. */
export interface Lexicon {
  /** informal token -> standard form (may be several words, e.g. `gapapa` -> `tidak apa-apa`). */
  readonly map: ReadonlyMap<string, string>;
  /** Every word that is a key or part of a value: "this spelling is a real word". */
  readonly known: ReadonlySet<string>;
  /**
   * Two-word expressions read as one ("nuwun sewu" -> "permisi", though "nuwun" alone is thanks): first word ->
   * second word -> standard form. Keys of the TSV with a space in them.
   */
  readonly pairs: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Raw text of the sources, so a trained-model cache can be keyed on the lexicon. */
  readonly sourceText: string;
}

/** Directory holding `indocollex-curated.tsv` and `domain.tsv`, next to this module. */
export const DEFAULT_LEXICON_DIR = new URL('./lexicon/', import.meta.url);

/**
 * Build a lexicon from layers of pairs; later layers override earlier ones (domain over IndoCollex).
 * @param layers pair lists in increasing priority
 * @param sourceText text identifying the sources (for cache keys)
 */
export function buildLexicon(layers: readonly (readonly LexiconPair[])[], sourceText = ''): Lexicon {
  const map = new Map<string, string>();
  const known = new Set<string>();
  const pairs = new Map<string, Map<string, string>>();
  for (const layer of layers) {
    for (const { informal, formal } of layer) {
      const key = informal.trim().toLowerCase();
      const value = formal.trim().toLowerCase();
      if (!key || !value) continue;
      const words = key.split(/\s+/);
      if (words.length === 2) {
        const [first = '', second = ''] = words;
        pairs.set(first, (pairs.get(first) ?? new Map<string, string>()).set(second, value));
        for (const w of value.split(/[\s-]+/)) if (w) known.add(w);
        continue;
      }
      if (key === value) map.delete(key); // identity = protect from lower layers
      else map.set(key, value);
      known.add(key);
    }
  }
  for (const value of map.values()) for (const w of value.split(/[\s-]+/)) if (w) known.add(w);
  return { map, known, pairs, sourceText };
}

/**
 * Read the shipped lexicon files from a directory (synchronous: called once at start-up).
 * @param dir directory containing `indocollex-curated.tsv` and `domain.tsv`
 */
export function loadLexicon(dir: string | URL = DEFAULT_LEXICON_DIR): Lexicon {
  const base = typeof dir === 'string' ? pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`) : dir;
  const curated = readFileSync(new URL('indocollex-curated.tsv', base), 'utf8');
  const domain = readFileSync(new URL('domain.tsv', base), 'utf8');
  return buildLexicon([parseLexiconTsv(curated), parseLexiconTsv(domain)], `${curated}\n---\n${domain}`);
}
