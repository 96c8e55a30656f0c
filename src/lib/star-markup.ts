/**
 * Text for chat apps that read formatting from the text itself (`*bold*`, `_italic_`, `~strike~`, backtick
 * code), as both WhatsApp channels do: a value such as a permit number `A_12_B` or a name with `*` must not turn
 * into formatting, so plain runs get their markers fenced and bold runs are wrapped in `*…*`. Links stay as
 * typed (fencing would break them).
 */

/**
 * WORD JOINER (U+2060): invisible and not a line-break opportunity. Put on both sides of a marker it stops the
 * app pairing the marker whichever way it classes the joiner: as a letter the marker sits inside a word (no
 * formatting inside words), as a space the marker is followed/preceded by a space (not a formatting edge either).
 */
const FENCE = '\u2060';

/** The characters read as formatting markers. */
const MARKERS = /[*_~`]/g;

/** URLs and e-mail addresses are left intact, fencing would break the link. */
const LINKS = /(https?:\/\/\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/g;

/** Neutralise formatting markers in text that must show literally (links excepted). */
export function escapeStarMarkup(text: string): string {
  return text
    .split(LINKS)
    .map((piece, i) => (i % 2 === 1 ? piece : piece.replace(MARKERS, (m) => `${FENCE}${m}${FENCE}`)))
    .join('');
}

/** One run: plain runs escaped; bold runs as `*…*` with the spaces kept outside (`* x*` is not bold). */
function renderRun(run: { readonly text: string; readonly bold?: boolean | undefined }): string {
  if (!run.bold) return escapeStarMarkup(run.text);
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text);
  const [lead, core, trail] = [m?.[1] ?? '', m?.[2] ?? '', m?.[3] ?? ''];
  if (core === '') return run.text;
  // A bold block over several lines does not format: bold each line on its own.
  const body = core
    .split('\n')
    .map((line) => {
      const t = line.trim();
      return t === '' ? line : line.replace(t, `*${escapeStarMarkup(t)}*`);
    })
    .join('\n');
  return `${lead}${body}${trail}`;
}

/** The text of a reply's runs, formatted with star markup. */
export function renderStarMarkup(parts: readonly { readonly text: string; readonly bold?: boolean | undefined }[]): string {
  return parts.map(renderRun).join('');
}
