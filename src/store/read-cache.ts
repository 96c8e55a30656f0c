/**
 * A write-through read cache over a collection, for records that one process owns: with the embedded SQLite
 * store a person's session is only ever written by this process (under the per-person lock), so reading it
 * back from SQLite on every message is a wasted round trip. Not for Redis, where other instances write too.
 */
import type { Collection } from './store.js';

interface Entry<T> {
  value: T;
  /** Epoch ms after which the record is gone from the store too (its ttl), or Infinity. */
  expires: number;
}

/**
 * Wrap `inner` with an LRU of at most `max` records. Writes and deletes go to the store first and reach the
 * cache only once stored, so the cache never holds what the store refused.
 */
export function withReadCache<T>(inner: Collection<T>, max = 10_000, now: () => number = Date.now): Collection<T> {
  const lru = new Map<string, Entry<T>>();
  const remember = (key: string, entry: Entry<T>) => {
    lru.delete(key);
    lru.set(key, entry);
    if (lru.size > max) lru.delete(lru.keys().next().value as string);
  };
  return {
    async get(key) {
      const hit = lru.get(key);
      if (hit && hit.expires > now()) {
        remember(key, hit); // refresh its place in the LRU
        return hit.value;
      }
      lru.delete(key);
      const value = await inner.get(key);
      // Only present records are cached: an absent one may be created by a later write, which fills the cache.
      if (value !== undefined) remember(key, { value, expires: Infinity });
      return value;
    },
    async set(key, value, ttlMs) {
      lru.delete(key); // a failed write must not leave the old value looking current
      await inner.set(key, value, ttlMs);
      remember(key, { value, expires: ttlMs === undefined ? Infinity : now() + ttlMs });
    },
    async delete(key) {
      lru.delete(key);
      return inner.delete(key);
    },
    entries: () => inner.entries(),
  };
}
