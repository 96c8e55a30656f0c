/**
 * A person's conversation state. Stored through keyv, validated with zod when read back (a stored record is a
 * boundary like any other). Feature flows (the complaint form) keep their own part under `flow`.
 */
import { z } from 'zod';
import { StoredReply } from './message.js';

/**
 * The answer of one turn waiting to be delivered: stored in the same write as the turn, taken off when its
 * last platform message is confirmed. `next` counts the platform messages (pieces) confirmed sent; `sending`
 * says piece `next` was handed to the platform and not confirmed: found so after a crash, its fate is
 * unknown, and it is counted, never sent a second time.
 */
const PendingAnswer = z.object({
  /** The turn number it answers (`Session.turns`): answers go out in turn order. */
  turn: z.number().int().nonnegative(),
  /** The channel's reply address (`InboundMessage.replyAddress`). */
  to: z.string().max(200),
  replies: z.array(StoredReply).min(1).max(30),
  next: z.number().int().nonnegative(),
  sending: z.boolean().optional(),
  /** ISO time it was stored: an answer older than the delivery's horizon is given up, and counted. */
  at: z.string(),
});
export type PendingAnswer = z.infer<typeof PendingAnswer>;

/**
 * A person's answers not yet delivered, and which process delivers them: `owner` holds the queue until
 * `until` (renewed at each piece), so two instances on one store never send one person's answers at once,
 * and a dead instance's queue is taken over once its lease runs out.
 */
const Outbox = z.object({
  owner: z.string().max(100).optional(),
  until: z.number().optional(),
  answers: z.array(PendingAnswer).max(50),
});
export type PendingOutbox = z.infer<typeof Outbox>;

/** The shape version of sessions written now; older records are migrated when read (grammY's enhanceStorage). */
export const SESSION_VERSION = 3;

/** The state of one person's conversation. */
const SessionShape = z.object({
  /** The shape version this record was written in. */
  v: z.literal(SESSION_VERSION),
  /** Reply language, from the last message that said something clear. */
  language: z.enum(['id', 'en']).optional(),
  /** Messages handled for this person, across the whole conversation. */
  turns: z.number().int().nonnegative(),
  /** Consecutive turns understood as `None`: the first gets the menu, later ones the call center. */
  noneStreak: z.number().int().nonnegative(),
  /** Subscribing to announcements is offered once, after a closure answer. */
  subscribeOffered: z.boolean(),
  /** ISO time of the last turn: an idle session is reset (its form dropped, with a notice) next time. */
  touchedAt: z.string(),
  /**
   * What the last answer was about (added in version 3): a short follow-up ("caranya gmn", "smp kpn?", "kalo
   * yg izin praktek?") continues it. `intent` is an intent name; `forms` / `services` the entities it named.
   */
  topic: z
    .object({
      intent: z.string(),
      forms: z.array(z.string()),
      services: z.array(z.string()),
      /** The question was about another regency's office: only "kalo di <this regency>?" continues it. */
      elsewhere: z.literal(true).optional(),
      /**
       * The person's own numbered questions answered in that message ("1. form reklame dmn 2. … 3. daftar OSS …"):
       * "yg no 3 lebih jelasnya gmn" next asks the third again (optional, so older records read).
       */
      numbered: z
        .array(z.object({ n: z.number().int().min(1).max(99), intent: z.string(), forms: z.array(z.string()), services: z.array(z.string()) }))
        .max(20)
        .optional(),
    })
    .optional(),
  /** What the last answer offered (added in version 3): a bare "ya" takes it up (complaint form, subscription). */
  offer: z.enum(['complaint.file', 'subscribe']).optional(),
  /** The last answer subscribed the person: "eh ga jadi deh, berhenti aja" next undoes it (optional, so older records read). */
  justSubscribed: z.literal(true).optional(),
  /** The person's latest consultation number: their consultation state is read only when they have one. */
  consultation: z.string().max(20).optional(),
  /** The bot's last reply to this person (cut), shown to staff when the person asks for one. */
  lastReply: z.string().max(1000).optional(),
  /** Ids of the last deliveries handled (InboundMessage.id), written with the turn: redeliveries are ignored. */
  seen: z.array(z.string().max(100)).max(100).optional(),
  /** Answers stored with their turns and not yet delivered (channels that deliver durably). */
  outbox: Outbox.optional(),
  /** A multi-turn form in progress, owned by the feature that started it. */
  flow: z
    .object({ kind: z.string(), startedAt: z.string(), data: z.record(z.string(), z.unknown()) })
    .optional(),
});
export type Session = z.infer<typeof SessionShape>;

/** Version 2: no `topic`, no `offer` (both optional, so a version 2 record only needs its number raised). */
const SessionV2 = SessionShape.omit({ v: true, topic: true, offer: true }).extend({ v: z.literal(2) });

/** Version 1 (before versions were written): the version 2 fields without `v`. */
const SessionV1 = SessionV2.omit({ v: true });

/**
 * A stored session of any known version, migrated to the current shape on read: a change of shape never
 * drops a person's open form. Add the next version's migration here when `SESSION_VERSION` goes up.
 */
export const Session: z.ZodType<Session> = z.union([
  SessionShape,
  SessionV2.transform((old): Session => ({ ...old, v: SESSION_VERSION })),
  SessionV1.transform((old): Session => ({ ...old, v: SESSION_VERSION })),
]);

/** A fresh session at `now`. */
export function newSession(now: Date): Session {
  return { v: SESSION_VERSION, turns: 0, noneStreak: 0, subscribeOffered: false, touchedAt: now.toISOString() };
}

/** `session` without its outbox (the queue emptied, or replaced by the turn's own). */
export function withoutOutbox(session: Session): Session {
  const copy = { ...session };
  delete copy.outbox;
  return copy;
}
