/** Grouping of not-understood texts by similarity (word sets, Jaccard), so staff see each question once. */
import type { Unknown } from './records.js';

/** A group of similar texts, the most frequent first. */
export interface Group {
  items: [string, Unknown][];
  count: number;
  lastAt: string;
}

/** Words that say something (3+ letters, masks dropped). */
function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/\[(email|angka)\]/g, ' ')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 3),
  );
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  for (const w of a) if (b.has(w)) common += 1;
  return common / (a.size + b.size - common);
}

/** Greedy grouping: each text joins the first group whose leading text shares at least half its words. */
export function groupSimilar(entries: readonly [string, Unknown][], threshold = 0.5): Group[] {
  const sorted = [...entries].sort((a, b) => b[1].count - a[1].count || b[1].lastAt.localeCompare(a[1].lastAt));
  const groups: { lead: Set<string>; g: Group }[] = [];
  for (const e of sorted) {
    const w = words(e[1].text);
    const home = groups.find((x) => jaccard(x.lead, w) >= threshold);
    if (home) {
      home.g.items.push(e);
      home.g.count += e[1].count;
      if (e[1].lastAt > home.g.lastAt) home.g.lastAt = e[1].lastAt;
    } else groups.push({ lead: w, g: { items: [e], count: e[1].count, lastAt: e[1].lastAt } });
  }
  return groups.map((x) => x.g).sort((a, b) => b.count - a.count);
}
