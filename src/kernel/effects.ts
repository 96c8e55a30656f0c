/**
 * Effects are what a turn asks the runtime to do with the outside world (store a complaint, change a
 * subscription, run a staff command). The engine stays a pure function: it returns effects, the runtime runs
 * them *before* any reply is sent, so nothing is acknowledged before it is stored.
 */
import type { Language } from '../nlu/types.js';
import type { ComplaintDraft } from '../features/complaints/schema.js';
import type { StaffCommand } from '../runtime/staff.js';

/** Subscribe or unsubscribe the sender to announcements. */
export interface SubscriptionEffect {
  kind: 'subscription.set';
  subscribed: boolean;
  /** How the change was asked for (intent, command, STOP …), kept in the subscription history. */
  via: string;
}

/** Run a validated staff command (the caller is on the allow-list); its replies come from the runtime. */
export interface StaffEffect {
  kind: 'staff.command';
  command: StaffCommand;
}

/** Store a complaint (idempotent by `draft.draftId`); the runtime gives the ticket number once it is stored. */
export interface ComplaintCreateEffect {
  kind: 'complaint.create';
  draft: ComplaintDraft;
}

/** Look a ticket up; the owner sees the details, anyone else only that it exists and its status. */
export interface ComplaintLookupEffect {
  kind: 'complaint.lookup';
  ticket: string;
}

/** Every effect a turn can produce; features add their own variants here. */
export type Effect = SubscriptionEffect | StaffEffect | ComplaintCreateEffect | ComplaintLookupEffect;

/** An effect with the context the runtime needs to render its outcome. */
export interface PendingEffect {
  effect: Effect;
  language: Language;
}
