/**
 * Webhook JSON → what the channel acts on: messages for the engine and statuses of sent messages. The
 * payload stays raw JSON up to here and only the fields used are typed (zod): a field Meta adds tomorrow
 * cannot break the rest, and one unreadable message does not drop the others of its batch.
 *
 * Identity: from 2026 Meta sends a business-scoped user id (`user_id`, `ID.1234…`) with every message and
 * may withhold the phone number (`wa_id`/`from`) of people who use a username. The person is keyed by the
 * business-scoped id when given (it stays when the phone number disappears), else by the `wa_id`; the phone
 * number is passed on only when Meta gives it.
 */
import { z } from 'zod';
import type { Attachment, InboundMessage } from '../../kernel/message.js';
import { userKey } from '../../kernel/user-key.js';
import { CLOUD } from './errors.js';
import { OPTION_ID } from './render.js';

const Media = z.object({ id: z.string(), mime_type: z.string().optional(), caption: z.string().optional(), filename: z.string().optional(), voice: z.boolean().optional() });

const Message = z.object({
  id: z.string().min(1),
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  timestamp: z.string().regex(/^\d+$/).optional(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string() }).optional(),
    })
    .optional(),
  button: z.object({ text: z.string(), payload: z.string().optional() }).optional(),
  image: Media.optional(),
  document: Media.optional(),
  audio: Media.optional(),
  video: Media.optional(),
  sticker: Media.optional(),
  location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() }).optional(),
  contacts: z.array(z.unknown()).optional(),
});
type Message = z.infer<typeof Message>;

const Contact = z.object({ wa_id: z.string().optional(), user_id: z.string().optional() });

const StatusError = z.object({ code: z.number().int(), title: z.string().optional() });
const Status = z.object({
  id: z.string().min(1),
  status: z.string(),
  timestamp: z.string().regex(/^\d+$/).optional(),
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  errors: z.array(StatusError).optional(),
});

const Value = z.object({
  metadata: z.object({ phone_number_id: z.string() }).optional(),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});
const Payload = z.object({
  object: z.string(),
  entry: z.array(z.object({ changes: z.array(z.object({ field: z.string(), value: z.unknown() })) })),
});

/** A message for the engine, with its WhatsApp message id (the de-duplication key). */
export interface IncomingMessage {
  messageId: string;
  /** The WhatsApp id the person is keyed by (business-scoped id, else phone number). */
  waId: string;
  message: InboundMessage;
}

/** The delivery status of a message the bot sent. */
export interface IncomingStatus {
  messageId: string;
  state: 'sent' | 'delivered' | 'read' | 'failed';
  at: Date;
  /** Graph error codes of a failure (131026, 131047 …). */
  codes: number[];
}

/** What one webhook request carries. */
export interface WebhookBatch {
  messages: IncomingMessage[];
  statuses: IncomingStatus[];
  /** Why some items were skipped (debug logs and tests), never their content. */
  ignored: string[];
}

const STATES = new Set(['sent', 'delivered', 'read', 'failed']);

/** Parse a webhook body for our phone number id. Never throws. */
export function parseWebhook(raw: unknown, phoneNumberId: string): WebhookBatch {
  const batch: WebhookBatch = { messages: [], statuses: [], ignored: [] };
  const payload = Payload.safeParse(raw);
  if (!payload.success || payload.data.object !== 'whatsapp_business_account') {
    batch.ignored.push('not a WhatsApp Business Account webhook');
    return batch;
  }
  for (const change of payload.data.entry.flatMap((e) => e.changes)) {
    if (change.field !== 'messages') {
      batch.ignored.push(`field ${change.field}`);
      continue;
    }
    const value = Value.safeParse(change.value);
    if (!value.success) {
      batch.ignored.push('unreadable change');
      continue;
    }
    // One app may be subscribed for several numbers: only ours is answered here.
    if (value.data.metadata && value.data.metadata.phone_number_id !== phoneNumberId) {
      batch.ignored.push('another phone number');
      continue;
    }
    const contacts = (value.data.contacts ?? []).flatMap((c) => {
      const p = Contact.safeParse(c);
      return p.success ? [p.data] : [];
    });
    for (const raw of value.data.messages ?? []) {
      const m = Message.safeParse(raw);
      if (!m.success) {
        batch.ignored.push('unreadable message');
        continue;
      }
      const incoming = toIncoming(m.data, contacts);
      if (typeof incoming === 'string') batch.ignored.push(incoming);
      else batch.messages.push(incoming);
    }
    for (const raw of value.data.statuses ?? []) {
      const s = Status.safeParse(raw);
      if (!s.success || !STATES.has(s.data.status)) {
        batch.ignored.push(s.success ? `status ${s.data.status}` : 'unreadable status');
        continue;
      }
      batch.statuses.push({
        messageId: s.data.id,
        state: s.data.status as IncomingStatus['state'],
        at: s.data.timestamp ? new Date(Number(s.data.timestamp) * 1000) : new Date(),
        codes: (s.data.errors ?? []).map((e) => e.code),
      });
    }
  }
  return batch;
}

const PHONE = /^\d{6,20}$/;

/** The engine's view of one message, or why it is skipped. */
function toIncoming(m: Message, contacts: readonly z.infer<typeof Contact>[]): IncomingMessage | string {
  const contact =
    contacts.find((c) => (m.from_user_id !== undefined && c.user_id === m.from_user_id) || (m.from !== undefined && c.wa_id === m.from)) ??
    (contacts.length === 1 ? contacts[0] : undefined);
  const businessScoped = m.from_user_id ?? contact?.user_id;
  const phone = [m.from, contact?.wa_id].find((p) => p !== undefined && PHONE.test(p));
  const waId = businessScoped ?? phone;
  if (!waId) return 'no sender id';
  const content = contentOf(m);
  if (typeof content === 'string') return content;
  const message: InboundMessage = {
    userKey: userKey(CLOUD, waId),
    text: content.text,
    ...(content.attachments.length > 0 ? { attachments: content.attachments } : {}),
    ...(phone ? { phone } : {}),
    ...(m.timestamp ? { sentAt: new Date(Number(m.timestamp) * 1000) } : {}),
  };
  return { messageId: m.id, waId, message };
}

function media(kind: Attachment['kind'], f: z.infer<typeof Media>): Attachment {
  // Kept by media id; downloaded only when staff open it (`WhatsAppCloudChannel.media`).
  return { kind, fileId: f.id, ...(f.mime_type ? { mimeType: f.mime_type } : {}), ...(f.filename ? { fileName: f.filename } : {}) };
}

/** Text and attachments of a message, or why it is not for the engine. */
function contentOf(m: Message): { text: string; attachments: Attachment[] } | string {
  switch (m.type) {
    case 'text':
      return m.text ? { text: m.text.body, attachments: [] } : 'text without body';
    case 'interactive': {
      // A pressed reply button or a picked list row: its option key, so it works like typing the number.
      const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
      if (!reply) return `interactive ${m.interactive?.type ?? '?'}`;
      return { text: OPTION_ID.exec(reply.id)?.[1] ?? reply.title, attachments: [] };
    }
    case 'button':
      // A quick-reply button of a template: its payload when it is one of our option ids, else its label.
      return m.button ? { text: OPTION_ID.exec(m.button.payload ?? '')?.[1] ?? m.button.text, attachments: [] } : 'button without text';
    case 'image':
      return m.image ? { text: m.image.caption ?? '', attachments: [media('photo', m.image)] } : 'image without media';
    case 'document':
      return m.document ? { text: m.document.caption ?? '', attachments: [media('document', m.document)] } : 'document without media';
    case 'audio':
      // Voice notes come as audio with `voice: true`.
      return m.audio ? { text: '', attachments: [media(m.audio.voice ? 'voice' : 'audio', m.audio)] } : 'audio without media';
    case 'video':
      return m.video ? { text: m.video.caption ?? '', attachments: [media('video', m.video)] } : 'video without media';
    case 'sticker':
      return { text: '', attachments: [{ kind: 'sticker' }] };
    case 'location':
      return m.location ? { text: '', attachments: [{ kind: 'location' }] } : 'location without coordinates';
    case 'contacts':
      return { text: '', attachments: [{ kind: 'contact' }] };
    default:
      // reaction, system, unsupported, order, request_welcome …
      return `type ${m.type}`;
  }
}
