/**
 * Where consultations live (the store complaints live in: SQLite, or Redis with REDIS_URL):
 * `consultations` (number → record with its messages), `consultation_drafts` (draft id → number: "ya" twice
 * or a retry stores one consultation), `consultation_links` (relayed staff-chat message → number),
 * `consultation_deliveries` (staff message → delivery of its answer) and `consultation_by_user`.
 */
import type { z } from 'zod';
import { newCode } from '../../lib/ticket-code.js';
import type { Collection, Store } from '../../store/store.js';
import { ByUser, Consultation, Delivery, Link } from './schema.js';
import { z as zod } from 'zod';

/** Attempts at drawing an unused number. */
const MAX_DRAWS = 8;

const DraftIndex = zod.object({ number: zod.string(), at: zod.string() });

/** The consultation collections of one store. */
export class ConsultationRepository {
  readonly consultations: Collection<Consultation>;
  readonly drafts: Collection<z.infer<typeof DraftIndex>>;
  readonly links: Collection<z.infer<typeof Link>>;
  readonly deliveries: Collection<z.infer<typeof Delivery>>;
  readonly byUser: Collection<z.infer<typeof ByUser>>;

  constructor(
    store: Store,
    private readonly draw: () => string = () => newCode('KON'),
  ) {
    // Read on every turn of a person who once asked for a consultation (their state), never changed in place
    // by a reader (every change is a new record, `put`): a row read again unchanged is not parsed again.
    this.consultations = store.collection('consultations', Consultation, { sharedReads: true });
    this.drafts = store.collection('consultation_drafts', DraftIndex);
    this.links = store.collection('consultation_links', Link);
    this.deliveries = store.collection('consultation_deliveries', Delivery);
    this.byUser = store.collection('consultation_by_user', ByUser, { sharedReads: true });
  }

  /** @throws StoreError */
  get(number: string): Promise<Consultation | undefined> {
    return this.consultations.get(number);
  }

  /** @throws StoreError */
  put(c: Consultation): Promise<void> {
    return this.consultations.set(c.number, Consultation.parse(c));
  }

  /**
   * Store a new consultation once per draft id (the number is reserved first, then the record written; a
   * retry after a crash between the two writes the record under the same number).
   * @throws StoreError
   */
  async create(draftId: string, at: Date, build: (number: string) => Consultation): Promise<{ consultation: Consultation; fresh: boolean }> {
    const reserved = await this.drafts.get(draftId);
    let number = reserved?.number;
    if (number) {
      const existing = await this.consultations.get(number);
      if (existing) return { consultation: existing, fresh: false };
    } else {
      number = await this.unused();
      await this.drafts.set(draftId, { number, at: at.toISOString() }, 30 * 86_400_000);
    }
    const consultation = build(number);
    await this.put(consultation);
    if (consultation.ownerKey) await this.byUser.set(consultation.ownerKey, { number });
    return { consultation, fresh: true };
  }

  private async unused(): Promise<string> {
    for (let i = 0; i < MAX_DRAWS; i++) {
      const n = this.draw();
      if (!(await this.consultations.get(n))) return n;
    }
    throw new Error(`no unused consultation number after ${MAX_DRAWS} draws`);
  }

  /** Every consultation, oldest first. @throws StoreError */
  async list(): Promise<Consultation[]> {
    const out: Consultation[] = [];
    for await (const [, c] of this.consultations.entries()) out.push(c);
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Remove a consultation and what points at it. @throws StoreError */
  async remove(c: Consultation): Promise<void> {
    await this.consultations.delete(c.number);
    await this.drafts.delete(c.draftId);
    for await (const [key, link] of this.links.entries()) if (link.number === c.number) await this.links.delete(key);
    for await (const [key, d] of this.deliveries.entries()) if (d.number === c.number) await this.deliveries.delete(key);
    if (c.ownerKey && (await this.byUser.get(c.ownerKey))?.number === c.number) await this.byUser.delete(c.ownerKey);
  }
}
