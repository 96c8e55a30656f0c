/**
 * A person's own numbered questions ("min 1. form reklame dmn 2. call center ada? 3. daftar OSS …"), remembered
 * with the answer so that "yg no 3 lebih jelasnya gmn" next asks about the third again.
 */

/** A numbered item's mark in the raw text: "1.", "2)", at the start or after a space. */
const MARK = /(?:^|[\s,;:])(\d{1,2})[.)](?!\d)/g;

/** "yg no 3", "nomor 2", "poin 1", "the 2nd one": which of the person's own numbered questions is meant. */
const PICKED = /\b(?:yang|yg|no|nomor|nomer|poin|point|number|pertanyaan)\s+(?:(?:no|nomor|nomer|ke)\s+)?(\d{1,2})\b/;

/**
 * The number each part sits under in `text`, or `undefined` for all of them when the text is not a numbered list
 * (fewer than two marks, or marks that do not count up from 1).
 * @param parts the parts' texts as cut from `text` (`segments`), in order
 */
export function numbersOf(text: string, parts: readonly string[]): (number | undefined)[] | undefined {
  const marks: { n: number; at: number }[] = [];
  for (const m of text.matchAll(MARK)) marks.push({ n: Number(m[1]), at: (m.index ?? 0) + m[0].length });
  if (marks.length < 2 || marks.some((m, i) => m.n !== i + 1)) return undefined;
  let from = 0;
  return parts.map((p) => {
    const at = text.indexOf(p, from);
    if (at < 0) return undefined;
    from = at + p.length;
    // The last mark at or before the part's end: a part cut after its own mark ("1. form reklame dmn").
    let n: number | undefined;
    for (const m of marks) if (m.at <= at + p.length) n = m.n;
    return n;
  });
}

/** The number a follow-up picks out of the last message's list ("yg no 3 lebih jelasnya gmn" → 3), if any. */
export function pickedNumber(normalised: string): number | undefined {
  const m = PICKED.exec(normalised);
  return m ? Number(m[1]) : undefined;
}
