/**
 * whatsapp-web.js `Message` → `InboundMessage`. Only private chats with a person are answered: groups
 * (`@g.us`), `status@broadcast`, broadcast lists, newsletters/channels and the bot's own messages are
 * dropped here, before anything reaches the engine (a bot that answers itself loops).
 *
 * Sender ids come as `6281…@c.us` (a phone number) or `1234…@lid` (WhatsApp's privacy id, whatsapp-web.js
 * #3519/#3919/#4001). The user key is the id as given, so it is stable for a person; a phone number is only
 * taken from `@c.us` ids, never guessed from a `@lid`.
 */
import type { Attachment, InboundMessage } from '../../kernel/message.js';

/** The part of whatsapp-web.js's `Chat` the adapter uses. */
export interface WaChat {
  isGroup: boolean;
  /** Shows "typing…" for about 25 s or until a message is sent. */
  sendStateTyping(): Promise<unknown>;
}

/** The part of whatsapp-web.js's `Message` the adapter uses. */
export interface WaMessage {
  /** The chat id for messages from others: `…@c.us`, `…@lid`, `…@g.us`, `status@broadcast`, `…@newsletter`. */
  from: string;
  fromMe: boolean;
  /** The text, or the caption of media (whatsapp-web.js sets it so when `hasMedia`). */
  body: string;
  /** `chat`, `image`, `ptt`, `audio`, `video`, `document`, `sticker`, `location`, `vcard`, … */
  type: string;
  hasMedia: boolean;
  id: { _serialized: string };
  /** Seconds since the epoch. */
  timestamp?: number;
  isStatus?: boolean;
  broadcast?: boolean;
  /** The raw WhatsApp Web model; only the media fields are read. Not in whatsapp-web.js's typings. */
  _data?: { mimetype?: string; filename?: string };
  getChat(): Promise<WaChat>;
  /** Whether the message quotes another (a reply). */
  hasQuotedMsg?: boolean;
  /** The quoted message, when `hasQuotedMsg`. */
  getQuotedMessage?(): Promise<WaMessage | undefined>;
}

/** A private chat with a person: digits then `@c.us` or `@lid`. Everything else is not a person's chat. */
const PERSON = /^(\d{5,20})@(c\.us|lid)$/;

/** Message types whose `body` is the person's text. */
const TEXT_TYPES = new Set(['chat', 'list_response', 'buttons_response', 'template_button_reply']);

/** Message types that carry something the person sent, by the engine's attachment kind. */
const ATTACHMENT_KINDS: Readonly<Record<string, Attachment['kind']>> = {
  image: 'photo',
  album: 'photo',
  video: 'video',
  ptt: 'voice',
  audio: 'audio',
  document: 'document',
  sticker: 'sticker',
  location: 'location',
  vcard: 'contact',
  multi_vcard: 'contact',
};

/** Kinds that are not a file to fetch later (the engine's `Attachment.fileId` is absent for them). */
const NO_FILE = new Set<Attachment['kind']>(['location', 'sticker', 'contact']);

/** Why a message is not handed to the engine; `undefined` when it is. For tests and debug logs. */
export function ignoreReason(msg: WaMessage): string | undefined {
  if (msg.fromMe) return 'own message';
  if (msg.isStatus || msg.from === 'status@broadcast') return 'status';
  if (msg.from.endsWith('@g.us')) return 'group';
  if (msg.from.endsWith('@newsletter')) return 'channel';
  if (msg.broadcast || msg.from.endsWith('@broadcast')) return 'broadcast';
  if (!PERSON.test(msg.from)) return 'not a private chat';
  if (!TEXT_TYPES.has(msg.type) && !(msg.type in ATTACHMENT_KINDS)) return `type ${msg.type}`;
  return undefined;
}

/** The user key of a WhatsApp id: `whatsapp:6281…@c.us` / `whatsapp:1234…@lid`. */
export function whatsappUserKey(id: string): string {
  return `whatsapp:${id}`;
}

/** The WhatsApp chat id of a user key, or undefined when the key is not a WhatsApp person. */
export function chatIdOf(userKey: string): string | undefined {
  if (!userKey.startsWith('whatsapp:')) return undefined;
  const id = userKey.slice('whatsapp:'.length);
  return PERSON.test(id) ? id : undefined;
}

/**
 * The engine's view of a WhatsApp message, or undefined when it must not be answered (see `ignoreReason`).
 * Media: the caption is the text, the file stays on WhatsApp (message id as `fileId`, never downloaded here).
 * Locations, contact cards and media without a file: their `body` is a thumbnail or a vCard, not text.
 */
export function toInbound(msg: WaMessage): InboundMessage | undefined {
  if (ignoreReason(msg) !== undefined) return undefined;
  const m = PERSON.exec(msg.from);
  const isText = TEXT_TYPES.has(msg.type);
  const kind = ATTACHMENT_KINDS[msg.type];
  const text = isText || msg.hasMedia ? msg.body : '';
  const inbound: InboundMessage = { userKey: whatsappUserKey(msg.from), text, messageRef: msg.id._serialized };
  if (kind) {
    const attachment: Attachment = { kind };
    if (!NO_FILE.has(kind)) attachment.fileId = msg.id._serialized;
    if (msg._data?.mimetype) attachment.mimeType = msg._data.mimetype;
    if (msg._data?.filename) attachment.fileName = msg._data.filename;
    inbound.attachments = [attachment];
  }
  if (m?.[2] === 'c.us' && m[1]) inbound.phone = m[1];
  if (msg.timestamp) inbound.sentAt = new Date(msg.timestamp * 1000);
  return inbound;
}
