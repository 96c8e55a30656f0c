/**
 * Reply → WhatsApp text. WhatsApp formats `*bold*`, `_italic_`, `~strike~` and backtick code from the text
 * itself, so a value such as a permit number `A_12_B` or a name with `*` must not turn into formatting:
 * plain runs get their markers fenced, bold runs are wrapped in `*…*`. Links stay as typed (WhatsApp makes
 * them clickable). The numbered menu is already in the text, so `options` need no rendering.
 */
import type { Reply } from '../../kernel/message.js';
import { escapeStarMarkup, renderStarMarkup } from '../../lib/star-markup.js';

/** WhatsApp's longest text message (UTF-16 units). */
export const WHATSAPP_TEXT_LIMIT = 65_536;

/** Neutralise WhatsApp's formatting markers in text that must show literally (links excepted). */
export const escapeWhatsApp = escapeStarMarkup;

/** The WhatsApp text of one reply. */
export function renderWhatsApp(reply: Reply): string {
  return renderStarMarkup(reply.parts);
}
