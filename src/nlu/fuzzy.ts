/**
 * Bounded edit distance for typo-tolerant matching of office words ("pormulir", "verifkasi", "perijinan"):
 * optimal string alignment (insertions, deletions, substitutions and swaps of two neighbours), with an early
 * exit once the bound is exceeded, so a comparison costs a few dozen steps.
 */

/** Edits allowed for a word of this length: none under 5 letters (too many real words that close), 1 up to 7, 2 from 8. */
export function allowedEdits(length: number): number {
  if (length >= 8) return 2;
  if (length >= 5) return 1;
  return 0;
}

/**
 * True when `a` and `b` are at most `max` edits apart (optimal string alignment distance).
 * @param max the bound (0 means equal)
 */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (a === b) return true;
  if (max <= 0) return false;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return false;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: lb + 1 }, (_, j) => j);
  for (let i = 1; i <= la; i += 1) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= lb; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return false;
    prev2 = prev;
    prev = cur;
  }
  return (prev[lb] ?? Infinity) <= max;
}

/** Deletion neighbourhood of a word (itself and every string one or two deletions away, for `edits` = 1 or 2). */
export function deletions(word: string, edits: number): string[] {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let e = 0; e < edits; e += 1) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i += 1) {
        const d = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(d)) {
          out.add(d);
          next.push(d);
        }
      }
    }
    frontier = next;
  }
  return [...out];
}

/**
 * A typo-tolerant index over a vocabulary (symmetric deletion, as SymSpell): `lookup` returns the vocabulary
 * word nearest a token within {@link allowedEdits} of the shorter of the two, or undefined: fewest edits first,
 * then the word listed first. Words under 5 letters only ever match exactly.
 */
export class FuzzyVocabulary {
  private readonly exact = new Set<string>();
  private readonly index = new Map<string, string[]>();
  private readonly order = new Map<string, number>();

  constructor(words: Iterable<string>) {
    for (const w of words) {
      if (!w || this.exact.has(w)) continue;
      this.order.set(w, this.order.size);
      this.exact.add(w);
      const edits = allowedEdits(w.length);
      if (edits === 0) continue;
      for (const d of deletions(w, edits)) {
        const list = this.index.get(d);
        if (list) list.push(w);
        else this.index.set(d, [w]);
      }
    }
  }

  /** True when the word is in the vocabulary as spelt. */
  has(word: string): boolean {
    return this.exact.has(word);
  }

  /** The nearest vocabulary word within the allowed edits, or undefined. */
  lookup(token: string): string | undefined {
    if (this.exact.has(token)) return token;
    const edits = allowedEdits(token.length);
    if (edits === 0) return undefined;
    let best: string | undefined;
    let bestRank = Infinity;
    for (const d of deletions(token, edits)) {
      for (const w of this.index.get(d) ?? []) {
        const max = Math.min(edits, allowedEdits(w.length));
        if (!withinEdits(token, w, max)) continue;
        const rank = (withinEdits(token, w, 1) ? 0 : 1_000_000) + (this.order.get(w) ?? 0);
        if (rank < bestRank) {
          best = w;
          bestRank = rank;
        }
      }
    }
    return best;
  }
}
