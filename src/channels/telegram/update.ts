/**
 * Bot API `Update` JSON → what the adapter acts on. Updates stay raw JSON up to here and only the fields used
 * are typed (and checked with zod): a field Telegram adds or drops tomorrow cannot break the rest.
 *
 * Rules:
 * - Private chats: every message (text, caption, media) goes to the engine; the user key is the chat id.
 * - Groups: only commands addressed to this bot (`/x`, `/x@thisbot`, never `/x@otherbot`), mentions of it
 *   and replies to its messages; never chit-chat. The user key is the sender's id (staff are recognised by
 *   their own id, even in the staff group).
 * - `sender_chat` (a channel or an anonymous admin) is not a person: its key is the chat's id, and it is
 *   flagged so that it is never treated as staff.
 * - Edited messages and other bots are ignored; `my_chat_member` "kicked" in a private chat means the person
 *   blocked the bot.
 */
import { z } from 'zod';
import type { Attachment, InboundMessage } from '../../kernel/message.js';
import { MENU_CALLBACK } from './render.js';

/** The updates the bot asks Telegram for (`allowed_updates`); everything else is not delivered. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

/** The bot's own identity (from getMe), needed to recognise mentions and addressed commands. */
export interface BotIdentity {
  id: number;
  username: string;
}

const User = z.object({ id: z.number().int(), is_bot: z.boolean().optional(), username: z.string().optional() });
const Chat = z.object({ id: z.number().int(), type: z.string() });
const Entity = z.object({ type: z.string(), offset: z.number().int(), length: z.number().int(), user: User.optional() });
const File = z.object({ file_id: z.string(), mime_type: z.string().optional(), file_name: z.string().optional() });

const Message = z.object({
  message_id: z.number().int(),
  date: z.number().int(),
  chat: Chat,
  from: User.optional(),
  sender_chat: z.object({ id: z.number().int() }).optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(Entity).optional(),
  caption_entities: z.array(Entity).optional(),
  reply_to_message: z.object({ message_id: z.number().int().optional(), from: User.optional() }).optional(),
  photo: z.array(File).optional(),
  document: File.optional(),
  voice: File.optional(),
  audio: File.optional(),
  video: File.optional(),
  video_note: File.optional(),
  animation: File.optional(),
  sticker: z.object({ file_id: z.string() }).optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
  contact: z.object({ phone_number: z.string(), user_id: z.number().int().optional() }).optional(),
});
type Message = z.infer<typeof Message>;

const Update = z.object({
  update_id: z.number().int(),
  message: Message.optional(),
  edited_message: z.unknown().optional(),
  callback_query: z
    .object({
      id: z.string(),
      from: User,
      data: z.string().optional(),
      message: z.object({ message_id: z.number().int(), chat: Chat }).optional(),
    })
    .optional(),
  my_chat_member: z
    .object({ chat: Chat, new_chat_member: z.object({ status: z.string() }) })
    .optional(),
});

/** Where the adapter sends its answer. */
export interface Target {
  chatId: number;
  group: boolean;
  /** In groups, the message answered (so the reply is threaded to it). */
  replyTo?: number;
}

/** What an update means to the adapter. */
export type Incoming =
  | { kind: 'message'; updateId: number; target: Target; message: InboundMessage; person: boolean }
  | {
      kind: 'button';
      updateId: number;
      callbackId: string;
      target: Target;
      /** Absent when the button's data is not one of ours (an old keyboard): only answer the callback. */
      message?: InboundMessage;
    }
  | { kind: 'blocked'; updateId: number; userKey: string }
  | { kind: 'ignored'; updateId: number | undefined; reason: string };

/** The channel-unique id of a message: `<chat id>:<message id>` (message ids are per chat on Telegram). */
export function messageRef(chatId: number, messageId: number): string {
  return `${chatId}:${messageId}`;
}

const isGroup = (type: string) => type === 'group' || type === 'supergroup';

/** Parse one update. Never throws: what cannot be read is `ignored` with the reason. */
export function parseUpdate(raw: unknown, me: BotIdentity): Incoming {
  const parsed = Update.safeParse(raw);
  if (!parsed.success) {
    const id = typeof raw === 'object' && raw !== null && 'update_id' in raw && typeof raw.update_id === 'number' ? raw.update_id : undefined;
    return { kind: 'ignored', updateId: id, reason: 'unreadable update' };
  }
  const u = parsed.data;
  if (u.message) return fromMessage(u.update_id, u.message, me);
  if (u.callback_query) {
    const cq = u.callback_query;
    const chat = cq.message?.chat ?? { id: cq.from.id, type: 'private' };
    const group = isGroup(chat.type);
    const target: Target = { chatId: chat.id, group };
    const key = cq.data !== undefined ? MENU_CALLBACK.exec(cq.data)?.[1] : undefined;
    if (key === undefined || cq.from.is_bot) return { kind: 'button', updateId: u.update_id, callbackId: cq.id, target };
    return {
      kind: 'button',
      updateId: u.update_id,
      callbackId: cq.id,
      target,
      message: { userKey: `telegram:${cq.from.id}`, text: key, sentAt: new Date() },
    };
  }
  if (u.my_chat_member) {
    const m = u.my_chat_member;
    if (m.chat.type === 'private' && m.new_chat_member.status === 'kicked') {
      return { kind: 'blocked', updateId: u.update_id, userKey: `telegram:${m.chat.id}` };
    }
    return { kind: 'ignored', updateId: u.update_id, reason: `membership ${m.new_chat_member.status}` };
  }
  if (u.edited_message !== undefined) return { kind: 'ignored', updateId: u.update_id, reason: 'edited message' };
  return { kind: 'ignored', updateId: u.update_id, reason: 'update type not handled' };
}

function fromMessage(updateId: number, m: Message, me: BotIdentity): Incoming {
  const group = isGroup(m.chat.type);
  if (m.chat.type !== 'private' && !group) return { kind: 'ignored', updateId, reason: `chat type ${m.chat.type}` };
  if (m.from?.is_bot && !m.sender_chat) return { kind: 'ignored', updateId, reason: 'from a bot' };
  const senderId = m.sender_chat?.id ?? m.from?.id;
  if (senderId === undefined) return { kind: 'ignored', updateId, reason: 'no sender' };

  const attachments = attachmentsOf(m);
  let text = m.text ?? m.caption ?? '';
  if (group) {
    const addressed = addressedText(m, text, me);
    if (addressed === undefined) return { kind: 'ignored', updateId, reason: 'group message not addressed to the bot' };
    text = addressed;
  }
  if (text.trim() === '' && attachments.length === 0) return { kind: 'ignored', updateId, reason: 'service message' };

  const message: InboundMessage = {
    userKey: `telegram:${group ? senderId : m.chat.id}`,
    text,
    sentAt: new Date(m.date * 1000),
    ...(attachments.length > 0 ? { attachments } : {}),
    // A contact is a phone number only when people share their own.
    ...(m.contact && m.from && m.contact.user_id === m.from.id ? { phone: m.contact.phone_number } : {}),
    messageRef: messageRef(m.chat.id, m.message_id),
    // A reply to one of the bot's own messages (staff answering a relayed consultation), by the receipt of it.
    ...(m.reply_to_message?.from?.id === me.id && m.reply_to_message.message_id !== undefined
      ? { replyTo: { messageRef: messageRef(m.chat.id, m.reply_to_message.message_id) } }
      : {}),
  };
  return {
    kind: 'message',
    updateId,
    target: { chatId: m.chat.id, group, ...(group ? { replyTo: m.message_id } : {}) },
    message,
    person: m.sender_chat === undefined,
  };
}

/** The text of a group message meant for this bot (mention removed), or undefined when it is not for us. */
function addressedText(m: Message, text: string, me: BotIdentity): string | undefined {
  const entities = m.entities ?? m.caption_entities ?? [];
  const username = me.username.toLowerCase();
  const first = entities[0];
  if (first && first.type === 'bot_command' && first.offset === 0) {
    const command = text.slice(0, first.length);
    const at = command.indexOf('@');
    return at < 0 || command.slice(at + 1).toLowerCase() === username ? text : undefined;
  }
  for (const e of entities) {
    const token = text.slice(e.offset, e.offset + e.length);
    const ours = (e.type === 'mention' && token.toLowerCase() === `@${username}`) || (e.type === 'text_mention' && e.user?.id === me.id);
    if (ours) return `${text.slice(0, e.offset)} ${text.slice(e.offset + e.length)}`.replace(/\s+/g, ' ').trim();
  }
  if (m.reply_to_message?.from?.id === me.id) return text;
  return undefined;
}

function file(kind: Attachment['kind'], f: z.infer<typeof File>, fallbackMime?: string): Attachment {
  const mimeType = f.mime_type ?? fallbackMime;
  return { kind, fileId: f.file_id, ...(mimeType ? { mimeType } : {}), ...(f.file_name ? { fileName: f.file_name } : {}) };
}

/** Media of a message, by platform file id (never downloaded here). */
function attachmentsOf(m: Message): Attachment[] {
  const out: Attachment[] = [];
  // Telegram sends each photo in several sizes, smallest first: keep the largest.
  const photo = m.photo?.[m.photo.length - 1];
  if (photo) out.push(file('photo', photo, 'image/jpeg'));
  if (m.document) out.push(file('document', m.document));
  if (m.voice) out.push(file('voice', m.voice, 'audio/ogg'));
  if (m.audio) out.push(file('audio', m.audio));
  if (m.video) out.push(file('video', m.video));
  if (m.video_note) out.push(file('video', m.video_note, 'video/mp4'));
  if (m.animation && !m.document) out.push(file('other', m.animation));
  if (m.sticker) out.push({ kind: 'sticker' });
  if (m.location) out.push({ kind: 'location' });
  if (m.contact) out.push({ kind: 'contact' });
  return out;
}
