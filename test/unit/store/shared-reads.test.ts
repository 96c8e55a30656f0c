import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { StoreError } from '../../../src/lib/errors.js';
import { ParsedRows } from '../../../src/store/parsed-rows.js';
import { createMemoryStore, createSqliteStore } from '../../../src/store/store.js';

const Rec = z.object({ n: z.number(), tags: z.array(z.string()) });

describe('shared reads (embedded stores)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.useRealTimers();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('a row read again with the same text is the same record, frozen; without the option each read is a new copy', async () => {
    const store = createMemoryStore();
    const shared = store.collection('recs', Rec, { sharedReads: true });
    const plain = store.collection('recs', Rec);
    await shared.set('a', { n: 1, tags: ['x'] });
    const first = await shared.get('a');
    expect(await shared.get('a')).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first?.tags)).toBe(true);
    expect(() => first?.tags.push('y')).toThrow(TypeError);
    const a = await plain.get('a');
    expect(a).toEqual(first);
    expect(await plain.get('a')).not.toBe(a);
  });

  it('a row changed by another connection (the CLI) is parsed and validated again, never served stale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shared-reads-'));
    dirs.push(dir);
    const store = createSqliteStore(dir);
    const col = store.collection('recs', Rec, { sharedReads: true });
    await col.set('a', { n: 1, tags: [] });
    expect(await col.get('a')).toEqual({ n: 1, tags: [] });
    const other = new Database(join(dir, 'layanan.sqlite'));
    const write = other.prepare('UPDATE recs SET value = ? WHERE key = ?');
    write.run(JSON.stringify({ value: { n: 2, tags: ['z'] } }), 'recs:a');
    expect(await col.get('a')).toEqual({ n: 2, tags: ['z'] });
    write.run(JSON.stringify({ value: { n: 'three' } }), 'recs:a');
    await expect(col.get('a')).rejects.toSatisfy((e) => e instanceof StoreError && e.kind === 'invalid-record');
    other.prepare('DELETE FROM recs WHERE key = ?').run('recs:a');
    expect(await col.get('a')).toBeUndefined();
    other.close();
    await store.close();
  });

  it('an expired record reads as absent even when its text was read before', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const col = createMemoryStore().collection('recs', Rec, { sharedReads: true });
    await col.set('t', { n: 1, tags: [] }, 1000);
    expect(await col.get('t')).toEqual({ n: 1, tags: [] });
    vi.setSystemTime(1_000_000 + 1001);
    expect(await col.get('t')).toBeUndefined();
  });

  it('keeps a bounded number of records', () => {
    const rows = new ParsedRows<number>(2);
    rows.keep('a', '1', { value: 1, expires: undefined });
    rows.keep('b', '2', { value: 2, expires: undefined });
    rows.keep('c', '3', { value: 3, expires: undefined });
    expect(rows.hit('a', '1')).toBeUndefined();
    expect(rows.hit('c', '3')?.value).toBe(3);
    expect(rows.hit('c', '4')).toBeUndefined();
  });
});
