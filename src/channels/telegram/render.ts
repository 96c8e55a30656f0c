/**
 * `Reply` → Telegram messages: HTML (`parse_mode: 'HTML'`) with every run escaped, bold runs in `<b>`, cut
 * under the 4096-character limit on the visible text, and the menu options as inline buttons under the last
 * chunk. HTML needs only `&`, `<` and `>` escaped (MarkdownV2 would need 18 characters), and nothing the
 * citizen or the office data contains can open a tag.
 */
import type { Inline, MenuOption, Reply } from '../../kernel/message.js';
import { splitSpans, TELEGRAM_TEXT_LIMIT } from './split.js';

/** An inline keyboard as the Bot API takes it. */
export interface InlineKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

/** One message to send. */
export interface RenderedMessage {
  /** Telegram HTML. */
  html: string;
  /** The same text without markup (the fallback if Telegram ever refuses the HTML). */
  text: string;
  /** Buttons (only on the last message of a reply with options). */
  keyboard?: InlineKeyboard;
}

/** Callback data of a menu button: `menu:<key>`; pressing it works like sending `<key>`. */
export const MENU_CALLBACK = /^menu:(\d{1,2})$/;

/** Escape text for Telegram HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function runHtml(run: Inline, text: string): string {
  const escaped = escapeHtml(text);
  return run.bold && text.trim() !== '' ? `<b>${escaped}</b>` : escaped;
}

/** Button labels are plain text (no parsing); Telegram shows about 30 characters of them on a phone. */
function keyboard(options: readonly MenuOption[]): InlineKeyboard {
  return {
    inline_keyboard: options.map((o) => [{ text: [...`${o.key}. ${o.label}`].slice(0, 64).join(''), callback_data: `menu:${o.key}` }]),
  };
}

/** The HTML of `parts` restricted to `[start, end)` of their joined text. */
function sliceHtml(parts: readonly Inline[], start: number, end: number): string {
  let html = '';
  let offset = 0;
  for (const part of parts) {
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + part.text.length);
    if (from < to) html += runHtml(part, part.text.slice(from - offset, to - offset));
    offset += part.text.length;
    if (offset >= end) break;
  }
  return html;
}

/** Render one reply; an empty reply renders to nothing. */
export function renderReply(reply: Reply, limit = TELEGRAM_TEXT_LIMIT): RenderedMessage[] {
  const text = reply.parts.map((p) => p.text).join('');
  const messages: RenderedMessage[] = splitSpans(text, limit).map((s) => ({
    html: sliceHtml(reply.parts, s.start, s.end),
    text: text.slice(s.start, s.end),
  }));
  const last = messages[messages.length - 1];
  if (last && reply.options && reply.options.length > 0) last.keyboard = keyboard(reply.options);
  return messages;
}

/** Blank line between two replies sent as one message. */
const JOIN: Inline = { text: '\n\n' };

const length = (reply: Reply): number => reply.parts.reduce((n, p) => n + p.text.length, 0);

/**
 * Render replies in order, as few messages as Telegram allows: consecutive replies go into one message (a
 * blank line between) while it stays under the limit; a reply with buttons ends its message (the buttons
 * belong under it). One message is one slot of the rate budget and one chance for a crash to cut an answer.
 */
export function renderReplies(replies: readonly Reply[], limit = TELEGRAM_TEXT_LIMIT): RenderedMessage[] {
  const merged: Reply[] = [];
  for (const reply of replies) {
    if (length(reply) === 0 || reply.parts.every((p) => p.text.trim() === '')) continue;
    const last = merged[merged.length - 1];
    if (last && !(last.options && last.options.length > 0) && length(last) + JOIN.text.length + length(reply) <= limit) {
      merged[merged.length - 1] = { parts: [...last.parts, JOIN, ...reply.parts], ...(reply.options ? { options: reply.options } : {}) };
    } else {
      merged.push(reply);
    }
  }
  return merged.flatMap((r) => renderReply(r, limit));
}
