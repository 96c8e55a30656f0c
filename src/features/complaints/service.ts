/**
 * The complaint desk's runtime half: create (idempotent), look up, change status or category, tell the
 * citizen and the staff, flag overdue complaints, purge past the retention period, forget one citizen.
 * Personal data (description, name, contact) never goes to the log: only tickets and statuses do.
 */
import { randomUUID } from 'node:crypto';
import type { Locales } from '../../kernel/locale.js';
import { Translator } from '../../kernel/locale.js';
import type { StaffNotice as StaffDelivery } from '../../kernel/feature.js';
import type { Reply, SendReceipt } from '../../kernel/message.js';
import type { OfficeData } from '../../kernel/office.js';
import { ChangeRefused, NotFoundError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import type { Store } from '../../store/store.js';
import * as render from './render.js';
import { MAX_NOTICE_RESENDS, type StaffNotice } from './notices.js';
import { ComplaintRepository, type Created } from './repository.js';
import { CLOSED, type Category, type Complaint, type ComplaintDraft, type Deadline, type Status } from './schema.js';
import { localDate } from '../../lib/time.js';
import { addWorkdays, isPast, officeCalendar, type WorkCalendar } from '../../lib/working-days.js';

/** How the service reaches people (the bot). */
export interface Notifier {
  sendTo(userKey: string, replies: readonly Reply[]): Promise<SendReceipt[] | void>;
  notifyStaff(replies: readonly Reply[]): Promise<StaffDelivery>;
}

/** The complaint desk's settings (from the environment). */
export interface ComplaintSettings {
  /** Days a closed complaint is kept before `purge` removes it. */
  COMPLAINT_RETENTION_DAYS: number;
  /** Working days from filing to verification. */
  COMPLAINT_VERIFY_WORKDAYS: number;
  /** Working days from verification to follow-up. */
  COMPLAINT_FOLLOWUP_WORKDAYS: number;
}

/** What the service is built from. */
export interface ComplaintDeps {
  store: Store;
  office: OfficeData;
  locales: Locales;
  config: ComplaintSettings;
  log: Logger;
  notifier: Notifier;
  /** The clock (tests move it). */
  now?: () => Date;
}

/**
 * A notice at `sending` this long, marked before marks named their process, was cut short by a crash (a send,
 * retries included, takes far less).
 */
export const NOTICE_STALE_MS = 10 * 60_000;
/**
 * The lock a notice's sender holds from before its `sending` mark until after its `sent` mark, renewed while
 * held (the store renews at a third of it): on a shared store, a notice marked `sending` by another process
 * whose lock is free was cut short, and a dead process's lock is free within this time.
 */
export const NOTICE_LOCK_MS = 5_000;
/** Delivered notices are kept this long (what was announced when), then forgotten. */
const NOTICE_KEEP_MS = 30 * 86_400_000;

/** A lookup's answer: who is asking decides how much they see. */
export type Lookup = { kind: 'missing' } | { kind: 'owner'; complaint: Complaint } | { kind: 'other'; complaint: Complaint };

/** Outcome of a change made by staff. */
export interface Changed {
  complaint: Complaint;
  /** Whether the citizen was told (false: stored anyway, `notified:false` kept and retried later). */
  notified: boolean;
}

/** Thrown for a staff or CLI request that cannot apply (unknown ticket, forgotten owner …). */
export class ComplaintNotFound extends NotFoundError {
  constructor(readonly ticket: string) {
    super('complaint', ticket);
  }
}

/** Statuses a complaint may move to from each status (closing is final; reopening means a new complaint). */
const NEXT: Readonly<Record<Status, readonly Status[]>> = {
  baru: ['diverifikasi', 'diproses', 'selesai', 'ditolak'],
  diverifikasi: ['diproses', 'selesai', 'ditolak'],
  diproses: ['selesai', 'ditolak'],
  selesai: [],
  ditolak: [],
};

/** Thrown when a status change is not allowed (e.g. after `selesai`). */
export class StatusChangeRefused extends ChangeRefused {
  constructor(
    readonly from: Status,
    readonly to: Status,
  ) {
    super(`status ${from} cannot change to ${to}`, 'selesai and ditolak are final; ditolak needs a reason');
  }
}

/** Complaints of one store. */
export class ComplaintService {
  readonly repo: ComplaintRepository;
  readonly calendar: WorkCalendar;
  private readonly pending = new Set<Promise<unknown>>();
  /** Tickets whose notice this process is sending now (the loop and the send after filing never overlap). */
  private readonly sendingNotices = new Set<string>();
  /** This process, as the one that marks a notice `sending` (a mark by a dead process need not wait). */
  private readonly instance = randomUUID();

  constructor(private readonly deps: ComplaintDeps) {
    this.repo = new ComplaintRepository(deps.store);
    this.calendar = officeCalendar(deps.office);
  }

  /** Rendering context for `language`. */
  renderer(language: 'id' | 'en'): render.RenderCtx {
    return { t: new Translator(this.deps.locales, language), timeZone: this.deps.office.timezone };
  }

  /**
   * Store the draft as a complaint of `ownerKey` (once per draft id) and announce it to staff in the background.
   * @throws StoreError (nothing stored under a new ticket is acknowledged; a retry reuses the reserved one)
   */
  async create(draft: ComplaintDraft, ownerKey: string, now: Date): Promise<Created> {
    const today = localDate(now, this.calendar.timeZone);
    const verifyBy = addWorkdays(today, this.deps.config.COMPLAINT_VERIFY_WORKDAYS, this.calendar);
    const at = now.toISOString();
    const result = await this.repo.create(draft.draftId, now, (ticket) => ({
      ticket,
      draftId: draft.draftId,
      ownerKey,
      language: draft.language,
      description: draft.description,
      permitNumber: draft.permitNumber,
      name: draft.name,
      contact: draft.contact,
      category: draft.category,
      suggestedCategory: draft.category,
      attachments: draft.attachments,
      status: 'baru',
      createdAt: at,
      updatedAt: at,
      verifyBy,
      followUpBy: addWorkdays(verifyBy, this.deps.config.COMPLAINT_FOLLOWUP_WORKDAYS, this.calendar),
      history: [{ at, by: 'citizen', action: 'created', status: 'baru' }],
      overdueNotified: [],
    }));
    this.deps.log.info({ ticket: result.complaint.ticket, fresh: result.fresh, category: draft.category }, 'complaint stored');
    // Its notice was queued with it (repository); send it now, in the background: a staff chat being down
    // must not hold the citizen up, and the notice loop retries what this could not deliver.
    if (result.fresh) this.background(this.deliverNotice(result.complaint.ticket, now));
    return result;
  }

  /**
   * Deliver one queued staff notice if it is pending (see notices.ts for the states). Recorded `sending`
   * before the send and `sent` after it; nobody reached → `pending` again, retried by the notice loop.
   * With `cutShort` (the record as the loop read it, at `sending`), the notice is taken over only if it is
   * still that record under the notice's lock: sent once more as a possible repeat, or, if it was the repeat
   * already, made `uncertain`. `held`: another process holds the notice's lock (it is sending it now).
   * @throws StoreError
   */
  private async deliverNotice(ticket: string, now: Date, cutShort?: StaffNotice): Promise<'sent' | 'pending' | 'uncertain' | 'held' | 'skipped'> {
    if (this.sendingNotices.has(ticket)) return 'skipped';
    this.sendingNotices.add(ticket);
    // Several instances on one Redis run the loop: one of them sends a given notice (the others skip it now).
    let release: (() => Promise<void>) | undefined;
    try {
      try {
        release = await this.deps.store.lock?.(`notice:${ticket}`, NOTICE_LOCK_MS, 0);
      } catch {
        return 'held';
      }
      let notice = await this.repo.notices.get(ticket);
      if (!notice) return 'skipped';
      if (cutShort) {
        // Re-read under the lock: another process may have taken it over (and sent it) since the loop read it.
        if (notice.state !== 'sending' || notice.by !== cutShort.by || notice.updatedAt !== cutShort.updatedAt) return 'skipped';
        const resends = notice.resends ?? (notice.repeat ? 1 : 0);
        if (resends >= MAX_NOTICE_RESENDS) {
          this.deps.log.warn({ ticket, resends }, 'staff notice resent and cut short again each time: uncertain, not sent again');
          await this.repo.notices.set(ticket, { ...notice, state: 'uncertain', updatedAt: now.toISOString() });
          return 'uncertain';
        }
        this.deps.log.warn({ ticket }, 'staff notice cut short by a crash: sent again as a possible repeat');
        notice = { ...notice, state: 'pending', repeat: true, resends: resends + 1 };
        await this.repo.notices.set(ticket, notice);
      } else if (notice.state !== 'pending') {
        return 'skipped';
      }
      // Queued just before its complaint: a crash in between leaves a notice whose complaint comes with the retry.
      const c = await this.repo.get(ticket);
      if (!c) return 'skipped';
      await this.repo.notices.set(ticket, { ...notice, state: 'sending', by: this.instance, updatedAt: now.toISOString() });
      const r = this.renderer('id');
      const replies = [...(notice.repeat ? [r.t.reply('complaint.staff.repeat', { ticket })] : []), ...render.staffNew(r, c)];
      const { delivered } = await this.deps.notifier.notifyStaff(replies);
      const at = this.deps.now?.() ?? now;
      if (delivered > 0) {
        await this.repo.notices.set(ticket, { ...notice, state: 'sent', updatedAt: at.toISOString() });
        return 'sent';
      }
      this.deps.log.warn({ ticket, attempts: notice.attempts + 1 }, 'new complaint announced to nobody; retried later');
      await this.repo.notices.set(ticket, { ...notice, attempts: notice.attempts + 1, updatedAt: at.toISOString() });
      return 'pending';
    } finally {
      this.sendingNotices.delete(ticket);
      await release?.();
    }
  }

  /**
   * Whether a notice at `sending` for `age` ms may have been cut short by a crash. Marked by this process: when
   * this process is not sending it now (a send that threw after its mark). Marked by another process: on a
   * store this process owns alone (SQLite) that process is dead; on a shared one (Redis) the notice's lock
   * decides, in `deliverNotice` (held: alive and sending). Marked before marks said who: after `NOTICE_STALE_MS`.
   */
  private mayBeCutShort(n: StaffNotice, age: number): boolean {
    if (n.by === this.instance) return !this.sendingNotices.has(n.ticket);
    if (n.by !== undefined) return true;
    return age > NOTICE_STALE_MS;
  }

  /**
   * The notice loop's run: deliver every pending staff notice; a notice a crash left at `sending` (see
   * `mayBeCutShort`) is resent, flagged as a possible repeat, up to `MAX_NOTICE_RESENDS` times, then becomes
   * `uncertain`; delivered notices are forgotten after `NOTICE_KEEP_MS`.
   * @returns how many were sent, still wait, became uncertain, and are held by a live sender elsewhere (look
   * again within `NOTICE_LOCK_MS`). @throws StoreError
   */
  async deliverNotices(now: Date): Promise<{ sent: number; pending: number; uncertain: number; held: number }> {
    const done = { sent: 0, pending: 0, uncertain: 0, held: 0 };
    const notices: StaffNotice[] = [];
    for await (const [, n] of this.repo.notices.entries()) notices.push(n);
    for (const n of notices.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
      const age = now.getTime() - Date.parse(n.updatedAt);
      if ((n.state === 'sent' || n.state === 'uncertain') && age > NOTICE_KEEP_MS) {
        await this.repo.notices.delete(n.ticket);
        continue;
      }
      const cutShort = n.state === 'sending' && this.mayBeCutShort(n, age);
      if (n.state !== 'pending' && !cutShort) continue;
      const outcome = await this.deliverNotice(n.ticket, now, cutShort ? n : undefined);
      if (outcome !== 'skipped') done[outcome] += 1;
    }
    return done;
  }

  private background(p: Promise<unknown>): void {
    const tracked = p.catch((err: unknown) => this.deps.log.error({ err }, 'complaint background task failed'));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  /** Resolves once background notifications have settled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Look a ticket up for `requesterKey`. @throws StoreError */
  async lookup(ticket: string, requesterKey: string): Promise<Lookup> {
    const complaint = await this.repo.get(ticket);
    if (!complaint) return { kind: 'missing' };
    return complaint.ownerKey === requesterKey ? { kind: 'owner', complaint } : { kind: 'other', complaint };
  }

  /** The complaint, or a ComplaintNotFound. */
  async require(ticket: string): Promise<Complaint> {
    const c = await this.repo.get(ticket);
    if (!c) throw new ComplaintNotFound(ticket);
    return c;
  }

  /**
   * Change the status (a note is the public explanation; required for `ditolak`), record it in the history
   * and tell the citizen on their channel. The change is stored even when telling fails.
   * @throws ComplaintNotFound, StatusChangeRefused, StoreError
   */
  async updateStatus(ticket: string, status: Status, note: string | undefined, by: string, now: Date): Promise<Changed> {
    const c = await this.require(ticket);
    if (!NEXT[c.status].includes(status)) throw new StatusChangeRefused(c.status, status);
    if (status === 'ditolak' && !note?.trim()) throw new StatusChangeRefused(c.status, status);
    const at = now.toISOString();
    const followUpBy =
      status === 'diverifikasi'
        ? addWorkdays(localDate(now, this.calendar.timeZone), this.deps.config.COMPLAINT_FOLLOWUP_WORKDAYS, this.calendar)
        : c.followUpBy;
    const entry = { at, by, action: 'status' as const, status, note: note?.trim() || null, notified: false };
    let next: Complaint = { ...c, status, followUpBy, updatedAt: at, history: [...c.history, entry] };
    await this.repo.put(next);
    const notified = await this.tell(next, note);
    if (notified) {
      next = { ...next, history: next.history.map((h) => (h === entry ? { ...h, notified: true } : h)) };
      await this.repo.put(next);
    }
    this.deps.log.info({ ticket, status, notified }, 'complaint status changed');
    return { complaint: next, notified };
  }

  /** Send a status change to the owner; false (logged) when it could not be delivered. */
  private async tell(c: Complaint, note: string | null | undefined): Promise<boolean> {
    if (!c.ownerKey) return false;
    try {
      await this.deps.notifier.sendTo(c.ownerKey, render.statusChanged(this.renderer(c.language), c, note));
      return true;
    } catch (err) {
      this.deps.log.warn({ err, ticket: c.ticket }, 'citizen not told of a status change (kept notified:false)');
      return false;
    }
  }

  /**
   * Keep an internal staff note on a complaint: in its history and staff views, never sent to the citizen,
   * no status change. @throws ComplaintNotFound, StoreError
   */
  async addNote(ticket: string, note: string, by: string, now: Date): Promise<Complaint> {
    const c = await this.require(ticket);
    const at = now.toISOString();
    const next: Complaint = { ...c, updatedAt: at, history: [...c.history, { at, by, action: 'note', note }] };
    await this.repo.put(next);
    this.deps.log.info({ ticket }, 'staff note added to complaint');
    return next;
  }

  /** Correct the category. @throws ComplaintNotFound, StoreError */
  async setCategory(ticket: string, category: Category, by: string, now: Date): Promise<Complaint> {
    const c = await this.require(ticket);
    const at = now.toISOString();
    const next: Complaint = { ...c, category, updatedAt: at, history: [...c.history, { at, by, action: 'category', category }] };
    await this.repo.put(next);
    return next;
  }

  /**
   * Delete the citizen's personal data from one complaint (UU PDP request), keeping an anonymised record:
   * ticket, category, dates and statuses. Notes are dropped too (they may quote the citizen).
   * @throws ComplaintNotFound, StoreError
   */
  async forget(ticket: string, by: string, now: Date): Promise<Complaint> {
    const c = await this.require(ticket);
    const at = now.toISOString();
    const next: Complaint = {
      ...c,
      ownerKey: null,
      description: null,
      permitNumber: null,
      name: null,
      contact: null,
      attachments: [],
      updatedAt: at,
      anonymisedAt: at,
      history: [...c.history.map((h) => ({ ...h, note: null })), { at, by, action: 'forgotten' }],
    };
    await this.repo.put(next);
    this.deps.log.info({ ticket }, 'complaint personal data deleted on request');
    return next;
  }

  /** The deadline a complaint has missed at `now`, if any (closed complaints are never overdue). */
  overdue(c: Complaint, now: Date): Deadline | undefined {
    if (CLOSED.has(c.status)) return undefined;
    if (c.status === 'baru') return isPast(c.verifyBy, now, this.calendar) ? 'verify' : undefined;
    return isPast(c.followUpBy, now, this.calendar) ? 'followup' : undefined;
  }

  /** Open complaints (or only the overdue ones), oldest first. @throws StoreError */
  async listOpen(now: Date, onlyOverdue = false): Promise<Complaint[]> {
    const all = await this.repo.list();
    return all.filter((c) => !CLOSED.has(c.status) && (!onlyOverdue || this.overdue(c, now)));
  }

  /**
   * Remove complaints closed longer ago than the retention period (open ones are kept until handled).
   * @returns the number removed. @throws StoreError
   */
  async purge(now: Date): Promise<number> {
    const cutoff = now.getTime() - this.deps.config.COMPLAINT_RETENTION_DAYS * 86_400_000;
    let removed = 0;
    for (const c of await this.repo.list()) {
      if (CLOSED.has(c.status) && Date.parse(c.updatedAt) < cutoff) {
        await this.repo.remove(c);
        removed += 1;
      }
    }
    if (removed > 0) this.deps.log.info({ removed }, 'complaints past the retention period purged');
    return removed;
  }

  /**
   * The periodic check: tell staff once about each newly overdue complaint, and retry telling citizens about
   * status changes that could not be delivered before. @returns what was done. @throws StoreError
   */
  async sweep(now: Date): Promise<{ overdue: number; renotified: number }> {
    let overdue = 0;
    let renotified = 0;
    for (const c of await this.repo.list()) {
      let current = c;
      const missed = this.overdue(c, now);
      if (missed && !c.overdueNotified.includes(missed)) {
        const { delivered } = await this.deps.notifier.notifyStaff([
          this.renderer('id').t.reply('complaint.staff.overdue', {
            ticket: c.ticket,
            deadline: this.renderer('id').t.text(`complaint.deadline.${missed}`),
            line: render.staffLine(this.renderer('id'), c, missed),
          }),
        ]);
        if (delivered > 0) {
          current = { ...current, overdueNotified: [...current.overdueNotified, missed] };
          await this.repo.put(current);
          overdue += 1;
        }
      }
      const undelivered = current.history.filter((h) => h.notified === false);
      const last = undelivered[undelivered.length - 1];
      if (last && current.ownerKey && (await this.tell(current, last.note))) {
        current = { ...current, history: current.history.map((h) => (h.notified === false ? { ...h, notified: true } : h)) };
        await this.repo.put(current);
        renotified += 1;
      }
    }
    return { overdue, renotified };
  }
}
