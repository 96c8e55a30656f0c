import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withReadCache } from '../../../src/store/read-cache.js';
import { createMemoryStore } from '../../../src/store/store.js';
import { faultyStore } from '../../support/faulty-store.js';

const Rec = z.object({ n: z.number() });

describe('session read cache (embedded store only)', () => {
  it('serves repeated reads from memory and stays consistent with writes and deletes', async () => {
    const plan = { down: false };
    const inner = faultyStore(createMemoryStore(), plan).collection('sessions', Rec);
    const col = withReadCache(inner);
    await col.set('a', { n: 1 });
    plan.down = true; // reads no longer reach the store…
    expect(await col.get('a')).toEqual({ n: 1 }); // …but the cached record is served
    plan.down = false;
    await col.set('a', { n: 2 });
    expect(await col.get('a')).toEqual({ n: 2 });
    await col.delete('a');
    expect(await col.get('a')).toBeUndefined();
  });

  it('a write the store refused is not served from the cache afterwards', async () => {
    const plan = { down: false };
    const col = withReadCache(faultyStore(createMemoryStore(), plan).collection('sessions', Rec));
    await col.set('a', { n: 1 });
    plan.down = true;
    await expect(col.set('a', { n: 2 })).rejects.toThrow();
    plan.down = false;
    expect(await col.get('a')).toEqual({ n: 1 });
  });

  it('honours the ttl and the size bound: expired or evicted records are read from the store again', async () => {
    let clock = 0;
    const plan = { down: false };
    const col = withReadCache(faultyStore(createMemoryStore(), plan).collection('sessions', Rec), 2, () => clock);
    await col.set('t', { n: 1 }, 1000);
    await col.set('x', { n: 2 });
    await col.set('y', { n: 3 }); // the LRU holds 2: 't' is evicted
    plan.down = true;
    expect(await col.get('y')).toEqual({ n: 3 }); // cached
    await expect(col.get('t')).rejects.toThrow(); // evicted: the (down) store is asked
    await col.get('x'); // still cached
    clock = 5000;
    plan.down = false;
    await col.set('e', { n: 9 }, 1000);
    clock = 7000;
    plan.down = true;
    await expect(col.get('e')).rejects.toThrow(); // expired in the cache: the store is asked
  });
});
