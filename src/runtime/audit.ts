/**
 * The audit log of staff changes: who did what, when, from which front-end (chat, CLI, console), and whether
 * it was done. Every mutating staff operation is recorded, whichever front-end ran it; admins read it in the
 * console. Kept in the store, so every instance writes to one log.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Collection, Store } from '../store/store.js';

/** One audited change. `by` is the staff key (`telegram:123`, `cli:ayu`) or a console account name. */
export const AuditRecord = z.object({
  at: z.string(),
  by: z.string(),
  action: z.string(),
  detail: z.string(),
  ok: z.boolean(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

/** The collection every front-end writes to. */
export const AUDIT_COLLECTION = 'console_audit';

/** The audit log over a store. */
export class AuditLog {
  private readonly col: Collection<AuditRecord>;
  constructor(store: Store) {
    this.col = store.collection(AUDIT_COLLECTION, AuditRecord);
  }

  /** Record one change. @throws StoreError */
  async record(entry: AuditRecord): Promise<void> {
    // Two changes in one millisecond (or under a fixed clock) keep the order they were made in: the key holds
    // this process's monotonic clock after the time, then a random suffix against another process's equal key.
    const seq = process.hrtime.bigint().toString().padStart(20, '0');
    await this.col.set(`${entry.at}-${seq}-${randomBytes(4).toString('hex')}`, entry);
  }

  /** The newest `limit` records, newest first. @throws StoreError */
  async list(limit = 300): Promise<AuditRecord[]> {
    const all: [string, AuditRecord][] = [];
    for await (const e of this.col.entries()) all.push(e);
    return all
      .sort((a, b) => b[0].localeCompare(a[0]))
      .slice(0, limit)
      .map(([, r]) => r);
  }
}
