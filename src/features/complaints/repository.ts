/**
 * Where complaints live: collection `complaints` keyed by ticket, and `complaint_drafts` (draft id → ticket),
 * the idempotency index that makes "ya" sent twice, or retried after a failure or a crash, store one complaint.
 *
 * Order of writes on create: the ticket is first reserved under the draft id, then its staff notice is queued
 * (`staff_notices`, pending), then the complaint is written. A crash between them leaves a reservation (and a
 * notice of a complaint not stored yet, which waits); the retry finds it and writes the complaint under the
 * same ticket. Nothing is acknowledged before the complaint itself is written, and a stored complaint always
 * has its notice queued.
 */
import { z } from 'zod';
import type { Collection, Store } from '../../store/store.js';
import { pendingNotice, staffNotices, type StaffNotice } from './notices.js';
import { Complaint, Ticket } from './schema.js';
import { newTicket } from './tickets.js';

/** How long a draft's reservation is kept: long enough for any retry, short enough not to pile up. */
const DRAFT_TTL_MS = 30 * 24 * 3_600_000;

/** Attempts at drawing an unused ticket before giving up (one collision in 10⁹ is already rare). */
const MAX_DRAWS = 8;

const DraftIndex = z.object({ ticket: Ticket, at: z.string() });

/** Outcome of {@link ComplaintRepository.create}. */
export interface Created {
  complaint: Complaint;
  /** false when the draft had been stored before (a retry): the same complaint is returned. */
  fresh: boolean;
}

/** The complaint collections of one store. */
export class ComplaintRepository {
  private readonly complaints: Collection<Complaint>;
  private readonly drafts: Collection<z.infer<typeof DraftIndex>>;
  /** The staff notices of new complaints (an outbox, see notices.ts). */
  readonly notices: Collection<StaffNotice>;

  constructor(
    store: Store,
    private readonly draw: () => string = newTicket,
  ) {
    this.complaints = store.collection('complaints', Complaint);
    this.drafts = store.collection('complaint_drafts', DraftIndex);
    this.notices = staffNotices(store);
  }

  /** The complaint with this ticket. @throws StoreError */
  get(ticket: string): Promise<Complaint | undefined> {
    return this.complaints.get(ticket);
  }

  /**
   * Store a new complaint once per draft id. `build(ticket)` makes the record for the ticket chosen.
   * @throws StoreError (nothing is acknowledged; a retry with the same draft id reuses the reserved ticket)
   */
  async create(draftId: string, at: Date, build: (ticket: string) => Complaint): Promise<Created> {
    const reserved = await this.drafts.get(draftId);
    if (reserved) {
      const existing = await this.complaints.get(reserved.ticket);
      if (existing) return { complaint: existing, fresh: false };
      const complaint = build(reserved.ticket);
      if (!(await this.notices.get(complaint.ticket))) await this.notices.set(complaint.ticket, pendingNotice(complaint.ticket, at));
      await this.complaints.set(complaint.ticket, complaint);
      return { complaint, fresh: true };
    }
    const ticket = await this.unusedTicket();
    await this.drafts.set(draftId, { ticket, at: at.toISOString() }, DRAFT_TTL_MS);
    await this.notices.set(ticket, pendingNotice(ticket, at));
    const complaint = build(ticket);
    await this.complaints.set(ticket, complaint);
    return { complaint, fresh: true };
  }

  /** A ticket not used by any complaint (create-if-absent: draw again on a collision). */
  private async unusedTicket(): Promise<string> {
    for (let i = 0; i < MAX_DRAWS; i++) {
      const ticket = this.draw();
      if (!(await this.complaints.get(ticket))) return ticket;
    }
    throw new Error(`no unused ticket after ${MAX_DRAWS} draws`);
  }

  /** Replace a stored complaint (status change, category, overdue flag, forgetting). @throws StoreError */
  put(complaint: Complaint): Promise<void> {
    return this.complaints.set(complaint.ticket, Complaint.parse(complaint));
  }

  /** Remove a complaint entirely (retention purge). @throws StoreError */
  async remove(complaint: Complaint): Promise<void> {
    await this.complaints.delete(complaint.ticket);
    await this.drafts.delete(complaint.draftId);
    await this.notices.delete(complaint.ticket);
  }

  /** Every complaint (order unspecified). @throws StoreError */
  async *all(): AsyncIterable<Complaint> {
    for await (const [, c] of this.complaints.entries()) yield c;
  }

  /** Every complaint, sorted oldest first. */
  async list(): Promise<Complaint[]> {
    const out: Complaint[] = [];
    for await (const c of this.all()) out.push(c);
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}
