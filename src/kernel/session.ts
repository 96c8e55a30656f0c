/**
 * A person's conversation state. Stored through keyv, validated with zod when read back (a stored record is a
 * boundary like any other). Feature flows (the complaint form) keep their own part under `flow`.
 */
import { z } from 'zod';

/** The state of one person's conversation. */
export const Session = z.object({
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
  /** A multi-turn form in progress, owned by the feature that started it. */
  flow: z
    .object({ kind: z.string(), startedAt: z.string(), data: z.record(z.string(), z.unknown()) })
    .optional(),
});
export type Session = z.infer<typeof Session>;

/** A fresh session at `now`. */
export function newSession(now: Date): Session {
  return { turns: 0, noneStreak: 0, subscribeOffered: false, touchedAt: now.toISOString() };
}
