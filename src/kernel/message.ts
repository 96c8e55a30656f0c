/**
 * What flows between channels and the engine. Channels turn platform events into an `InboundMessage` and
 * render `Reply` objects back; nothing here names a platform.
 */
import { z } from 'zod';

/** A file the citizen sent (photo, document, voice note …), kept by its platform file id, never downloaded. */
export interface Attachment {
  kind: 'photo' | 'document' | 'voice' | 'audio' | 'video' | 'sticker' | 'location' | 'contact' | 'other';
  /** The platform's id for the file, enough to fetch it later; absent for locations and stickers. */
  fileId?: string;
  mimeType?: string;
  fileName?: string;
}

/** One message from a person, as the engine sees it. */
export interface InboundMessage {
  /** Namespaced, stable key of the person: `telegram:123`, `whatsapp:6281…@c.us`, `console:local`. */
  userKey: string;
  /** The text (caption for media); may be empty. Commands keep their slash: `/langganan`. */
  text: string;
  attachments?: readonly Attachment[];
  /** A phone number the platform really gives (WhatsApp `@c.us`), used to skip asking for a contact. */
  phone?: string;
  /** When the platform says the message was sent. */
  sentAt?: Date;
  /**
   * The platform's id of this delivery (a Telegram `update_id`), for platforms that deliver at least once.
   * The turn records it in the same session write as the turn itself, so a redelivery of a message whose turn
   * was stored is not handled again, and one whose turn failed (nothing stored) is.
   */
  id?: string;
  /**
   * The bot's own message this one replies to (Telegram reply, WhatsApp quote), as the receipt `Channel.send`
   * gave for it: staff answer a relayed consultation by replying to it.
   */
  replyTo?: { messageRef: string };
  /**
   * The platform's stable id of this message (unique per channel), when it has one: what makes acting on a
   * redelivered message idempotent (a staff answer is delivered once per `messageRef`).
   */
  messageRef?: string;
  /**
   * Where the answer goes, in the channel's own words (a chat id, and in groups the message to thread it to).
   * Set by channels that deliver durably (`Channel.durable`): the turn then stores its replies with its state,
   * and the runtime's paced sender delivers them to this address, whatever crashes in between.
   */
  replyAddress?: string;
}

/** What a channel says about one message it sent: its platform id, so a reply to it can be recognised. */
export interface SendReceipt {
  /** Channel-unique message id (`<chat>:<message id>` on Telegram, the serialized id on WhatsApp). */
  messageRef: string;
}

/** A run of reply text. `bold` is a hint: channels render it their way (HTML `<b>`, WhatsApp `*…*`). */
export interface Inline {
  text: string;
  bold?: boolean;
}

/** A numbered menu entry; a reply of just `key` works like the entry's intent. Telegram renders buttons. */
export interface MenuOption {
  key: string;
  label: string;
}

/** One chat bubble. Interpolated values are plain `Inline` runs, so channels can escape them safely. */
export interface Reply {
  parts: Inline[];
  options?: MenuOption[];
  /**
   * The locale key the reply was rendered from (set by `Translator.reply`): what the conversation evaluation
   * judges a turn's topic by. Channels never render it.
   */
  key?: string;
}

/** A reply as it is stored with a turn until delivered (a stored record is a boundary: checked when read). */
export const StoredReply: z.ZodType<Reply> = z.object({
  parts: z.array(z.object({ text: z.string(), bold: z.boolean().optional() })).max(200),
  options: z.array(z.object({ key: z.string(), label: z.string() })).max(50).optional(),
  key: z.string().optional(),
});

/** The reply as plain text, as the console and the JSON CLI show it. */
export function replyText(reply: Reply): string {
  return reply.parts.map((p) => p.text).join('');
}

/** A reply of one plain run. */
export function plain(text: string): Reply {
  return { parts: [{ text }] };
}
