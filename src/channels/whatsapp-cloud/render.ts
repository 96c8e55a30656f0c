/**
 * Reply → Cloud API message bodies. Text uses WhatsApp's own formatting (`*bold*`), so plain runs get their
 * markers fenced (a permit number `A_12_B` must not turn italic) and bold runs are wrapped in `*…*`. Long
 * text is cut under 4,096 characters. Options become real interactive messages under the last piece of
 * text: up to 3 as reply buttons (yes/no steps), up to 10 as a list (the numbered menu); the numbers stay
 * in the text, so typing one still works, and a pressed button or row comes back as its option key.
 */
import type { MenuOption, Reply } from '../../kernel/message.js';
import { escapeStarMarkup, renderStarMarkup } from '../../lib/star-markup.js';

/** The Cloud API's longest text message (UTF-16 units). */
export const CLOUD_TEXT_LIMIT = 4096;
/** Longest body of an interactive message. */
export const INTERACTIVE_BODY_LIMIT = 1024;
/** Reply buttons per message, and list rows per message. */
export const MAX_BUTTONS = 3;
export const MAX_ROWS = 10;
const BUTTON_TITLE = 20;
const ROW_TITLE = 24;
const ROW_DESCRIPTION = 72;

/** The id of an option's button or row: `opt:<key>`; pressing it works like sending `<key>`. */
export const OPTION_ID = /^opt:([0-9A-Za-z_-]{1,32})$/;

/** One message to send: the Graph body (without recipient) and its plain text. */
export interface CloudMessage {
  body: Record<string, unknown>;
  text: string;
}

/** Neutralise WhatsApp formatting markers in text that must show literally (links excepted). */
export const escapeMarkers = escapeStarMarkup;

/** The WhatsApp text of one reply. */
export function replyMarkup(reply: Reply): string {
  return renderStarMarkup(reply.parts);
}

/** Cut `text` into pieces of at most `limit` units, at a paragraph, line, sentence or word when there is one. */
export function splitText(text: string, limit = CLOUD_TEXT_LIMIT): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = -1;
    for (const sep of ['\n\n', '\n', '. ', ' ']) {
      const at = window.lastIndexOf(sep, limit);
      if (at > limit * 0.3) {
        cut = at + (sep === '. ' ? 1 : 0);
        break;
      }
    }
    if (cut <= 0) {
      cut = limit;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '') out.push(rest);
  return out;
}

const cut = (s: string, n: number): string => ([...s].length <= n ? s : `${[...s].slice(0, n - 1).join('')}…`);

/** The list's open button, in the reply's language. */
function listButton(language: 'id' | 'en'): string {
  return language === 'en' ? 'Choose a topic' : 'Pilih topik';
}

function interactive(body: string, options: readonly MenuOption[], language: 'id' | 'en'): Record<string, unknown> {
  if (options.length <= MAX_BUTTONS) {
    return {
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: body },
        action: { buttons: options.map((o) => ({ type: 'reply', reply: { id: `opt:${o.key}`, title: cut(o.label, BUTTON_TITLE) } })) },
      },
    };
  }
  return {
    type: 'interactive',
    interactive: {
      type: 'list',
      body: { text: body },
      action: {
        button: listButton(language),
        sections: [
          {
            rows: options.map((o) => {
              const title = `${o.key}. ${o.label}`;
              return {
                id: `opt:${o.key}`,
                title: cut(title, ROW_TITLE),
                ...([...title].length > ROW_TITLE ? { description: cut(o.label, ROW_DESCRIPTION) } : {}),
              };
            }),
          },
        ],
      },
    },
  };
}

/** Whether a reply's options can be shown as buttons or a list. */
function interactiveOptions(reply: Reply): readonly MenuOption[] | undefined {
  const options = reply.options ?? [];
  if (options.length === 0 || options.length > MAX_ROWS) return undefined;
  return options.every((o) => OPTION_ID.test(`opt:${o.key}`)) ? options : undefined;
}

/** Render one reply; an empty reply renders to nothing. */
export function renderReply(reply: Reply, language: 'id' | 'en' = guessLanguage(reply)): CloudMessage[] {
  const pieces = splitText(replyMarkup(reply));
  const options = interactiveOptions(reply);
  if (!options || pieces.length === 0) return pieces.map((text) => ({ body: { type: 'text', text: { body: text, preview_url: false } }, text }));
  // The last piece carries the buttons; an interactive body holds at most 1,024 characters.
  const last = pieces.pop() ?? '';
  const tail = splitText(last, INTERACTIVE_BODY_LIMIT);
  const body = tail.pop() ?? '';
  const texts = [...pieces, ...tail].map((text) => ({ body: { type: 'text', text: { body: text, preview_url: false } }, text }));
  return [...texts, { body: interactive(body, options, language), text: body }];
}

/** Render replies in order. */
export function renderReplies(replies: readonly Reply[]): CloudMessage[] {
  return replies.flatMap((r) => renderReply(r));
}

const ENGLISH = /\b(the|your|you|is|are|please|thank|office|complaint|status|has|have|been|will)\b/gi;
const INDONESIAN = /\b(yang|anda|untuk|dan|di|ini|dengan|kami|sudah|akan|tidak|mohon|pengaduan|layanan)\b/gi;

/**
 * The language a reply is written in, guessed from its words (the bot's own wording, so a few function words
 * decide): a template and the list button are chosen by it. Indonesian unless clearly English.
 */
export function guessLanguage(reply: Reply | string): 'id' | 'en' {
  const text = typeof reply === 'string' ? reply : reply.parts.map((p) => p.text).join('');
  const en = text.match(ENGLISH)?.length ?? 0;
  const id = text.match(INDONESIAN)?.length ?? 0;
  return en > id ? 'en' : 'id';
}
