/**
 * Reply → WhatsApp text. WhatsApp formats `*bold*`, `_italic_`, `~strike~` and backtick code from the text
 * itself, so a value such as a permit number `A_12_B` or a name with `*` must not turn into formatting:
 * plain runs get their markers fenced, bold runs are wrapped in `*…*`. Links stay as typed (WhatsApp makes
 * them clickable). The numbered menu is already in the text, so `options` need no rendering.
 */
import type { Inline, Reply } from '../../kernel/message.js';

/** WhatsApp's longest text message (UTF-16 units). */
export const WHATSAPP_TEXT_LIMIT = 65_536;

/**
 * WORD JOINER (U+2060): invisible and not a line-break opportunity. Put on both sides of a marker it stops
 * WhatsApp pairing the marker whichever way WhatsApp classes the joiner: as a letter the marker sits inside
 * a word (no formatting inside words), as a space the marker is followed/preceded by a space (not a
 * formatting edge either).
 */
const FENCE = '\u2060';

/** The characters WhatsApp reads as formatting markers. */
const MARKERS = /[*_~`]/g;

/** URLs and e-mail addresses are left intact, fencing would break the link. */
const LINKS = /(https?:\/\/\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/g;

/** Neutralise formatting markers in text that must show literally (links excepted). */
export function escapeWhatsApp(text: string): string {
  return text
    .split(LINKS)
    .map((piece, i) => (i % 2 === 1 ? piece : piece.replace(MARKERS, (m) => `${FENCE}${m}${FENCE}`)))
    .join('');
}

/** One run: plain runs escaped; bold runs as `*…*` with the spaces kept outside (`* x*` is not bold). */
function renderRun(run: Inline): string {
  if (!run.bold) return escapeWhatsApp(run.text);
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text);
  const [lead, core, trail] = [m?.[1] ?? '', m?.[2] ?? '', m?.[3] ?? ''];
  if (core === '') return run.text;
  // A bold block over several lines does not format on WhatsApp: bold each line on its own.
  const body = core
    .split('\n')
    .map((line) => {
      const t = line.trim();
      return t === '' ? line : line.replace(t, `*${escapeWhatsApp(t)}*`);
    })
    .join('\n');
  return `${lead}${body}${trail}`;
}

/** The WhatsApp text of one reply. */
export function renderWhatsApp(reply: Reply): string {
  return reply.parts.map(renderRun).join('');
}
