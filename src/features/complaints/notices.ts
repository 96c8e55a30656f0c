/**
 * Staff notices of new complaints, as an outbox: collection `staff_notices`, one record per ticket, written
 * *before* the complaint itself (see `ComplaintRepository.create`), so a stored complaint always has its
 * notice, whatever crash follows. The running service delivers them (at once after filing, then by a small
 * loop that retries what is still pending), recording the state before the send (`sending`) and after it
 * (`sent`, or `pending` again when nobody could be reached).
 *
 * A notice left at `sending` (the process died during the call) may or may not have reached staff. Unlike an
 * announcement to citizens, it is sent **once more**, saying it may be a repeat: the notice goes to the
 * office's own staff, for whom a second copy costs a glance, while a lost one can leave a complaint
 * unverified until the overdue check days later. A repeat left at `sending` again is resent again, up to
 * `MAX_NOTICE_RESENDS` times (kills soon after a restart can land in two sends in a row); past that it is
 * `uncertain` and never sent again (a notice whose send itself brings the process down must not loop).
 */
import { z } from 'zod';
import type { Collection, Store } from '../../store/store.js';
import { Ticket } from './schema.js';

/** How many times a notice whose send a crash cut short is sent again (each saying it may be a repeat). */
export const MAX_NOTICE_RESENDS = 3;

/** The states of a notice. */
export const NOTICE_STATES = ['pending', 'sending', 'sent', 'uncertain'] as const;

/** One staff notice. */
export const StaffNotice = z.object({
  ticket: Ticket,
  state: z.enum(NOTICE_STATES),
  createdAt: z.string(),
  /** Last change of state (a `sending` older than the stale time was cut short by a crash). */
  updatedAt: z.string(),
  /** Sends tried that reached nobody (staff chat down, channel not running yet). */
  attempts: z.number().int().nonnegative(),
  /** The process that marked it `sending` (a random id per start): a dead process's mark need not wait. */
  by: z.string().max(100).optional(),
  /** This is a resend of a notice whose earlier send was cut short: staff are told it may be a repeat. */
  repeat: z.boolean().optional(),
  /** How many times it was resent after a send cut short (absent with `repeat`: once). */
  resends: z.number().int().nonnegative().optional(),
});
export type StaffNotice = z.infer<typeof StaffNotice>;

/** The `staff_notices` collection of a store. */
export function staffNotices(store: Store): Collection<StaffNotice> {
  return store.collection('staff_notices', StaffNotice);
}

/** A fresh pending notice for `ticket`. */
export function pendingNotice(ticket: string, at: Date): StaffNotice {
  const iso = at.toISOString();
  return { ticket, state: 'pending', createdAt: iso, updatedAt: iso, attempts: 0 };
}
