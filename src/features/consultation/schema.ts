/**
 * The consultation records as stored: the consultation (collection `consultations`, keyed by number) with
 * each message of it, the link from a relayed staff-chat message to its consultation, the delivery record of
 * each staff answer (what makes an answer reach the citizen once), and the person → latest consultation index.
 * Every read goes through these schemas (a stored record is a boundary like any other).
 */
import { z } from 'zod';

/** Consultation numbers: `KON-` and 6 characters of Crockford base32 (no I, L, O, U). */
export const NUMBER_PATTERN = /^KON-[0-9A-HJKMNP-TV-Z]{6}$/;
export const ConsultationNumber = z.string().regex(NUMBER_PATTERN, 'expected a consultation number like KON-7K3M9Q');

/** Longest question or message kept. */
export const MAX_TEXT = 3000;

/** One message of a consultation. Texts are null once the citizen's data is forgotten. */
export const ConsultationMessage = z.object({
  at: z.string(),
  from: z.enum(['citizen', 'staff']),
  /** A staff key (`telegram:123`, `cli:ayu`) for staff messages; `citizen` otherwise. */
  by: z.string(),
  text: z.string().max(MAX_TEXT).nullable(),
  /** Staff messages: whether the citizen got it (false: the periodic check retries). */
  delivered: z.boolean().optional(),
});
export type ConsultationMessage = z.infer<typeof ConsultationMessage>;

export const Rating = z.object({ score: z.number().int().min(1).max(5), remark: z.string().max(500).nullable(), at: z.string() });

/** A stored consultation. */
export const Consultation = z.object({
  number: ConsultationNumber,
  draftId: z.string(),
  /** The citizen's key (`telegram:123`): answers go there. Null once forgotten. */
  ownerKey: z.string().nullable(),
  /** The channel it came in on (kept after forgetting, for reports). */
  channel: z.string(),
  language: z.enum(['id', 'en']),
  status: z.enum(['open', 'closed']),
  question: z.string().max(MAX_TEXT).nullable(),
  /** The bot's last answer to the person before they asked (what staff need to see). */
  botLastReply: z.string().max(MAX_TEXT).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The staff member who answered first (others see who has it; it can be handed over). */
  claimedBy: z.string().nullable(),
  lastStaffAt: z.string().nullable(),
  lastCitizenAt: z.string(),
  /** When the citizen said `batal`/`menu` while with a person (the bot answers again until staff write). */
  citizenLeftAt: z.string().nullable(),
  /** Whether the short "passed on" acknowledgement of a follow-up was sent since staff last wrote. */
  followupAcked: z.boolean(),
  closedAt: z.string().nullable(),
  /** A staff key, or `system:idle` when it went quiet. */
  closedBy: z.string().nullable(),
  rating: Rating.nullable(),
  /** The citizen was asked to rate and answered something else: never asked again. */
  ratingSkipped: z.boolean(),
  overdueNotified: z.boolean(),
  messages: z.array(ConsultationMessage),
  anonymisedAt: z.string().optional(),
});
export type Consultation = z.infer<typeof Consultation>;

/** A relayed staff-chat message → its consultation. */
export const Link = z.object({ number: ConsultationNumber, at: z.string() });

/** The delivery of one staff answer, keyed by the staff message (written before the send, updated after). */
export const Delivery = z.object({ number: ConsultationNumber, state: z.enum(['sending', 'sent', 'failed']), at: z.string() });

/** A person's latest consultation. */
export const ByUser = z.object({ number: ConsultationNumber });

/** What the dialogue is told about a person's latest consultation at the start of their turn. */
export const ConsultationState = z.object({
  number: ConsultationNumber,
  /** Staff have answered, it is open, and the citizen has not left: their messages go to staff. */
  withStaff: z.boolean(),
  /** Answered and open, but quiet longer than the idle time: the bot takes the person back now. */
  quiet: z.boolean(),
  /** Whether the follow-up acknowledgement was already sent. */
  acked: z.boolean(),
  /** Closed, not rated, not skipped: the next message may be the rating. */
  awaitingRating: z.boolean(),
});
export type ConsultationState = z.infer<typeof ConsultationState>;
