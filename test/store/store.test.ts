import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StoreError } from '../../src/lib/errors.js';
import { createMemoryStore, createRedisStore, createSqliteStore, type SqliteDriver, type Store } from '../../src/store/store.js';

const Item = z.object({ n: z.number(), note: z.string() });
const REDIS_URL = process.env.REDIS_URL;
const dirs: string[] = [];
const stores: Store[] = [];

function sqlite(driver: SqliteDriver = 'better-sqlite3'): Store {
  const dir = mkdtempSync(join(tmpdir(), 'layanan-store-'));
  dirs.push(dir);
  const s = createSqliteStore(dir, driver);
  stores.push(s);
  return s;
}

function redis(): Store {
  // A unique prefix per run keeps parallel test files (and CI reruns) apart on the shared server.
  const s = createRedisStore(REDIS_URL ?? '', `test${process.pid}${Date.now()}`);
  stores.push(s);
  return s;
}

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The same behaviour, whatever the backend. */
function contract(name: string, make: () => Store, skip = false) {
  describe.skipIf(skip)(name, () => {
    it('stores, reads back, overwrites and deletes records', async () => {
      const col = make().collection('items', Item);
      expect(await col.get('a')).toBeUndefined();
      await col.set('a', { n: 1, note: 'ijin usaha ✓ ñ 🙏' });
      expect(await col.get('a')).toEqual({ n: 1, note: 'ijin usaha ✓ ñ 🙏' });
      await col.set('a', { n: 2, note: 'x' });
      expect((await col.get('a'))?.n).toBe(2);
      expect(await col.delete('a')).toBe(true);
      expect(await col.get('a')).toBeUndefined();
    });

    it('keeps collections apart and lists one collection', async () => {
      const store = make();
      const a = store.collection('alpha', Item);
      const b = store.collection('beta', Item);
      await Promise.all(Array.from({ length: 25 }, (_, i) => a.set(`k${i}`, { n: i, note: '' })));
      await b.set('k0', { n: 100, note: 'beta' });
      const seen = new Map<string, number>();
      for await (const [key, value] of a.entries()) seen.set(key, value.n);
      expect(seen.size).toBe(25);
      expect(seen.get('k7')).toBe(7);
      expect((await b.get('k0'))?.n).toBe(100);
    });

    it('expires records after their ttl', async () => {
      const col = make().collection('ttl', Item);
      await col.set('short', { n: 1, note: '' }, 50);
      await col.set('long', { n: 2, note: '' }, 60_000);
      await new Promise((r) => setTimeout(r, 120));
      expect(await col.get('short')).toBeUndefined();
      expect((await col.get('long'))?.n).toBe(2);
    });

    it('refuses a stored record of the wrong shape with a StoreError', async () => {
      const store = make();
      await store.collection('shape', z.unknown()).set('x', { n: 'one' });
      await expect(store.collection('shape', Item).get('x')).rejects.toBeInstanceOf(StoreError);
    });

    it('keeps keys with colons and at-signs (namespaced user keys)', async () => {
      const col = make().collection('keys', Item);
      await col.set('whatsapp:6281234567890@c.us', { n: 1, note: '' });
      await col.set('telegram:-1001234', { n: 2, note: '' });
      expect((await col.get('whatsapp:6281234567890@c.us'))?.n).toBe(1);
      const keys: string[] = [];
      for await (const [key] of col.entries()) keys.push(key);
      expect(keys.sort()).toEqual(['telegram:-1001234', 'whatsapp:6281234567890@c.us']);
    });
  });
}

contract('memory store', createMemoryStore);
contract('SQLite store (better-sqlite3, the default)', () => sqlite('better-sqlite3'));
contract('SQLite store (@keyv/sqlite over sqlite3)', () => sqlite('sqlite3'));
contract(`Redis store${REDIS_URL ? '' : ' (skipped: REDIS_URL unset; CI sets it)'}`, redis, !REDIS_URL);

describe('a store that cannot be used fails clearly', () => {
  it('SQLite under an unwritable path gives a StoreError that says how to fix it', async () => {
    const col = createSqliteStore(join(tmpdir(), `layanan-ro-${process.pid}`));
    // A file where the database should be a directory: the open fails.
    const bad = createSqliteStore('/proc/self');
    stores.push(col, bad);
    const err = await bad.collection('items', Item).get('a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(String(err)).toMatch(/DATA_DIR|REDIS_URL/);
  });

  it('Redis that is not there gives a StoreError instead of hanging forever', async () => {
    const down = createRedisStore('redis://127.0.0.1:1');
    stores.push(down);
    const err = await down.collection('items', Item).get('a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
  });
});

describe('the two SQLite drivers share one file format', () => {
  it('records written with @keyv/sqlite are read (and listed) by better-sqlite3, and back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layanan-drivers-'));
    dirs.push(dir);
    const old = createSqliteStore(dir, 'sqlite3');
    await old.collection('sessions', Item).set('telegram:1', { n: 1, note: 'lama' });
    await old.collection('sessions', Item).set('whatsapp:62812@c.us', { n: 2, note: '' }, 60_000);
    await old.close();
    const now = createSqliteStore(dir, 'better-sqlite3');
    const col = now.collection('sessions', Item);
    expect(await col.get('telegram:1')).toEqual({ n: 1, note: 'lama' });
    const keys: string[] = [];
    for await (const [key] of col.entries()) keys.push(key);
    expect(keys.sort()).toEqual(['telegram:1', 'whatsapp:62812@c.us']);
    await col.set('telegram:3', { n: 3, note: 'baru' });
    await now.close();
    const back = createSqliteStore(dir, 'sqlite3');
    stores.push(back);
    expect((await back.collection('sessions', Item).get('telegram:3'))?.note).toBe('baru');
  });

  it('lists a collection larger than one page while its records are deleted (purge)', async () => {
    const col = sqlite().collection('many', Item);
    for (let i = 0; i < 450; i++) await col.set(`k${String(i).padStart(3, '0')}`, { n: i, note: '' });
    let seen = 0;
    for await (const [key, value] of col.entries()) {
      seen += 1;
      if (value.n % 2 === 0) await col.delete(key);
    }
    expect(seen).toBe(450);
    let left = 0;
    for await (const entry of col.entries()) left += entry[1].n % 2;
    expect(left).toBe(225);
  });
});
