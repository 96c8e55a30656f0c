/**
 * A store that fails on demand, for "the store is down at the worst moment" tests.
 * `failures.fail(op, collection)` decides per call; flip `down` to fail everything.
 */
import type { z } from 'zod';
import { StoreError } from '../../src/lib/errors.js';
import type { Collection, Store } from '../../src/store/store.js';

/** Which calls fail. */
export interface FaultPlan {
  down: boolean;
  /** Return true to make this call throw. */
  fail?: (op: 'get' | 'set' | 'delete' | 'entries', collection: string) => boolean;
}

/** Wrap `inner` so calls throw (like a locked SQLite file or an unreachable Redis) when the plan says so. */
export function faultyStore(inner: Store, plan: FaultPlan): Store {
  const check = (op: 'get' | 'set' | 'delete' | 'entries', name: string) => {
    // As the real stores do: every backend failure reaches callers as a StoreError.
    if (plan.down || plan.fail?.(op, name)) throw new StoreError(`${op} ${name}`, new Error(`SQLITE_BUSY: database is locked (${op} ${name})`));
  };
  return {
    kind: inner.kind,
    collection<T>(name: string, schema: z.ZodType<T>): Collection<T> {
      const col = inner.collection(name, schema);
      return {
        get: async (key) => (check('get', name), col.get(key)),
        set: async (key, value, ttl) => (check('set', name), col.set(key, value, ttl)),
        delete: async (key) => (check('delete', name), col.delete(key)),
        entries: () => (check('entries', name), col.entries()),
      };
    },
    close: () => inner.close(),
  };
}
