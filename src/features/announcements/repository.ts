/**
 * Where broadcasts live: the same keyv store as everything else (SQLite under DATA_DIR, or Redis), so the CLI,
 * staff commands and every running instance see the same records.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Collection, Store } from '../../store/store.js';
import { Broadcast, Delivery, Draft, Recipients, type DeliveryState } from './schema.js';

/** A request to cancel a broadcast. */
export const Cancel = z.object({ by: z.string(), at: z.string() });
export type Cancel = z.infer<typeof Cancel>;

const DRAFT_TTL_MS = 24 * 3_600_000;

/** A short id staff can type: `20261128-k3f9`. */
export function newBroadcastId(now: Date): string {
  return `${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
}

/** Records of broadcasts, their recipients, per-recipient deliveries, drafts and the daily counters per channel. */
export class BroadcastRepository {
  private readonly broadcasts: Collection<Broadcast>;
  private readonly recipients: Collection<Recipients>;
  private readonly deliveries: Collection<Delivery>;
  private readonly drafts: Collection<Draft>;
  private readonly daily: Collection<number>;
  private readonly cancels: Collection<Cancel>;

  constructor(store: Store) {
    this.broadcasts = store.collection('broadcasts', Broadcast);
    this.recipients = store.collection('broadcast_recipients', Recipients);
    this.deliveries = store.collection('broadcast_deliveries', Delivery);
    this.drafts = store.collection('broadcast_drafts', Draft);
    this.daily = store.collection('broadcast_daily', z.number().int().nonnegative());
    this.cancels = store.collection('broadcast_cancel', Cancel);
  }

  get(id: string): Promise<Broadcast | undefined> {
    return this.broadcasts.get(id);
  }

  save(b: Broadcast): Promise<void> {
    return this.broadcasts.set(b.id, Broadcast.parse(b));
  }

  /** Every broadcast, newest first. */
  async list(): Promise<Broadcast[]> {
    const all: Broadcast[] = [];
    for await (const [, b] of this.broadcasts.entries()) all.push(b);
    return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** The broadcast `id`, or the newest one when `id` is undefined. */
  async find(id?: string): Promise<Broadcast | undefined> {
    if (id) return this.get(id);
    return (await this.list())[0];
  }

  getRecipients(id: string): Promise<Recipients | undefined> {
    return this.recipients.get(id);
  }

  setRecipients(id: string, userKeys: string[]): Promise<void> {
    return this.recipients.set(id, { userKeys });
  }

  delivery(id: string, userKey: string): Promise<Delivery | undefined> {
    return this.deliveries.get(`${id}|${userKey}`);
  }

  /** Record a recipient's state; `sending` is written *before* the send (at-most-once). */
  mark(id: string, userKey: string, state: DeliveryState, at: Date, code?: number): Promise<void> {
    return this.deliveries.set(`${id}|${userKey}`, { state, at: at.toISOString(), ...(code !== undefined ? { code } : {}) });
  }

  /** Back to pending: the send was stopped before anything could have reached the person. */
  async unmark(id: string, userKey: string): Promise<void> {
    await this.deliveries.delete(`${id}|${userKey}`);
  }

  /**
   * Ask for a broadcast to stop. Kept apart from the broadcast record, which only the delivering worker writes
   * (keyv has no compare-and-set: two writers of one record could undo each other).
   */
  requestCancel(id: string, by: string, at: Date): Promise<void> {
    return this.cancels.set(id, { by, at: at.toISOString() });
  }

  /** The cancellation asked for `id`, if any. */
  cancelRequest(id: string): Promise<Cancel | undefined> {
    return this.cancels.get(id);
  }

  draft(staffKey: string): Promise<Draft | undefined> {
    return this.drafts.get(staffKey);
  }

  setDraft(staffKey: string, draft: Draft): Promise<void> {
    return this.drafts.set(staffKey, draft, DRAFT_TTL_MS);
  }

  deleteDraft(staffKey: string): Promise<boolean> {
    return this.drafts.delete(staffKey);
  }

  /** Broadcast messages sent on `channel` on `day` (YYYY-MM-DD in the office's time zone): its daily cap. */
  async sentOn(channel: string, day: string): Promise<number> {
    return (await this.daily.get(`${channel}|${day}`)) ?? 0;
  }

  /** Count `n` more messages on `channel` on `day` (kept 3 days). */
  async countSent(channel: string, day: string, n = 1): Promise<number> {
    const next = (await this.sentOn(channel, day)) + n;
    await this.daily.set(`${channel}|${day}`, next, 3 * 24 * 3_600_000);
    return next;
  }
}
