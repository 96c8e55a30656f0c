/**
 * Updates are delivered at least once (a webhook answered late, a poll whose offset was not confirmed before a
 * crash), so each `update_id` is claimed once: a bounded in-memory window catches redeliveries within this
 * process; an optional store collection with a TTL catches webhook redeliveries across a restart.
 * An update is claimed when it arrives, before its turn runs: answering twice is worse than the rare update
 * lost to a crash in the middle of its turn (the person asks again).
 */
import { z } from 'zod';
import type { Logger } from '../../lib/log.js';
import type { Collection, Store } from '../../store/store.js';

/** The record kept per seen update in the store. */
export const SeenUpdate = z.object({ at: z.number() });
export type SeenUpdate = z.infer<typeof SeenUpdate>;

/** The store collection of seen updates (`telegram_updates`). */
export function seenUpdates(store: Store): Collection<SeenUpdate> {
  return store.collection('telegram_updates', SeenUpdate);
}

/** The last `capacity` ids, insertion-ordered; O(1) per check. */
export class UpdateWindow {
  private readonly ids = new Set<number>();
  constructor(private readonly capacity = 10_000) {}

  /** Record `id`; true when it was already there. */
  claim(id: number): boolean {
    if (this.ids.has(id)) return true;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next();
      if (!oldest.done) this.ids.delete(oldest.value);
    }
    return false;
  }
}

/** Options of {@link Deduper}. */
export interface DeduperOptions {
  capacity?: number;
  /** Seen updates across restarts; Telegram stops redelivering an update after about a day. */
  store?: Collection<SeenUpdate>;
  ttlMs?: number;
  /** Key prefix in the store (the bot id: update ids are per bot). */
  prefix?: string;
  log?: Logger;
}

/** Claims update ids. */
export class Deduper {
  private readonly window: UpdateWindow;
  constructor(private readonly opts: DeduperOptions = {}) {
    this.window = new UpdateWindow(opts.capacity);
  }

  /** True when `updateId` was seen before (then it must not be handled again). */
  async isDuplicate(updateId: number): Promise<boolean> {
    if (this.window.claim(updateId)) return true;
    const store = this.opts.store;
    if (!store) return false;
    const key = `${this.opts.prefix ?? ''}${updateId}`;
    try {
      if (await store.get(key)) return true;
      await store.set(key, { at: Date.now() }, this.opts.ttlMs ?? 26 * 3_600_000);
    } catch (err) {
      // The store being down must not drop a message: the in-memory window still holds.
      this.opts.log?.warn({ err, updateId }, 'update de-duplication store unavailable');
    }
    return false;
  }
}
