/**
 * What the channel keeps in the store (every record zod-checked when read back):
 * - `wacloud_inbox`: each received message by its WhatsApp id, written BEFORE the webhook is answered (so a
 *   message is never acknowledged to Meta unstored) and marked answered after its turn; a redelivery of a
 *   known id is dropped. Kept 7 days, as long as Meta retries a webhook. Pending ones are resumed at start.
 * - `wacloud_contacts`: per person, the last inbound time (the 24-hour window) and the phone number when
 *   Meta gave one.
 * - `wacloud_statuses`: per sent message id, who it went to and its delivery states (sent, delivered, read,
 *   failed with codes), for delivery records of notifications and broadcasts. Kept 30 days.
 * - `wacloud_alerts`: staff alerts already given (at most one a day per kind).
 */
import { z } from 'zod';
import type { Collection, Store } from '../../store/store.js';

const AttachmentRecord = z.object({
  kind: z.enum(['photo', 'document', 'voice', 'audio', 'video', 'sticker', 'location', 'contact', 'other']),
  fileId: z.string().optional(),
  mimeType: z.string().optional(),
  fileName: z.string().optional(),
});

/** One received message. The content is dropped once answered. */
export const InboxEntry = z.object({
  state: z.enum(['pending', 'answered']),
  receivedAt: z.string(),
  waId: z.string(),
  message: z
    .object({
      userKey: z.string(),
      text: z.string(),
      attachments: z.array(AttachmentRecord).optional(),
      phone: z.string().optional(),
      sentAt: z.string().optional(),
    })
    .optional(),
});
export type InboxEntry = z.infer<typeof InboxEntry>;

/** What the channel knows of one person. */
export const CloudContact = z.object({
  /** ISO time of the person's last message: free text may be sent for 24 hours after it. */
  lastInboundAt: z.string(),
  /** The phone number, only when Meta gave it (people with a username may have none). */
  phone: z.string().optional(),
});
export type CloudContact = z.infer<typeof CloudContact>;

/** The delivery states of one sent message. */
export const MessageStatus = z.object({
  userKey: z.string(),
  /** How it went: free text/interactive within the window, or an approved template outside it. */
  form: z.enum(['session', 'template']),
  sentAt: z.string(),
  state: z.enum(['accepted', 'sent', 'delivered', 'read', 'failed']),
  at: z.string(),
  /** Graph error codes of a failure. */
  codes: z.array(z.number().int()).optional(),
  history: z.array(z.object({ state: z.string(), at: z.string() })),
});
export type MessageStatus = z.infer<typeof MessageStatus>;

/** The inbox and de-duplication of received messages. */
export const inbox = (store: Store): Collection<InboxEntry> => store.collection('wacloud_inbox', InboxEntry);
/** People known on this channel, by WhatsApp id. */
export const contacts = (store: Store): Collection<CloudContact> => store.collection('wacloud_contacts', CloudContact);
/** Delivery states per sent message id (`wamid.…`). */
export const statuses = (store: Store): Collection<MessageStatus> => store.collection('wacloud_statuses', MessageStatus);
/** Alerts given, by kind. */
export const alerts = (store: Store): Collection<{ at: string }> => store.collection('wacloud_alerts', z.object({ at: z.string() }));

/** How long a received message id is remembered (Meta retries a webhook for up to 7 days). */
export const INBOX_TTL_MS = 7 * 24 * 3_600_000;
/** How long delivery states are kept. */
export const STATUS_TTL_MS = 30 * 24 * 3_600_000;
/** Contacts are kept while people write; a year after the last message they are forgotten. */
export const CONTACT_TTL_MS = 365 * 24 * 3_600_000;
/** The customer service window. */
export const WINDOW_MS = 24 * 3_600_000;
/** Free text is not tried in the last minutes of the window (clock skew, the send's own latency). */
export const WINDOW_MARGIN_MS = 5 * 60_000;
