import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/app.js';
import { runGroup } from '../../src/cli/operations.js';
import { createRedisStore, createSqliteStore, type Store } from '../../src/store/store.js';
import { makeBot, say } from '../support/app.js';
import { clock, fileComplaint } from './helpers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The same life of a complaint on a real store: filed, looked up, changed, purged after retention. */
async function lifecycle(store: Store): Promise<void> {
  const c = clock('2026-11-23T02:00:00Z');
  const bot = makeBot({ store, env: { STAFF_TELEGRAM_IDS: '900', COMPLAINT_RETENTION_DAYS: '30' }, now: c.now });
  const a = await fileComplaint(bot, 'telegram:1');
  const b = await fileComplaint(bot, 'whatsapp:6281200000001@c.us');
  expect(a.ticket && b.ticket && a.ticket !== b.ticket).toBe(true);
  expect((await say(bot, 'telegram:1', `status ${a.ticket}`)).join('\n')).toContain('baru diterima');
  await say(bot, 'telegram:900', `/aduan_status ${a.ticket} selesai Izin sudah terbit`);
  expect((await bot.complaints.listOpen(c.now())).map((x) => x.ticket)).toEqual([b.ticket]);
  c.add(31 * 86_400_000);
  expect(await bot.complaints.purge(c.now())).toBe(1); // only the closed one
  expect(await bot.complaints.repo.get(a.ticket ?? '')).toBeUndefined();
  expect(await bot.complaints.repo.get(b.ticket ?? '')).toBeDefined();
  await bot.complaints.repo.remove((await bot.complaints.repo.get(b.ticket ?? ''))!);
}

describe('complaints on the SQLite store', () => {
  it('files, looks up, changes and purges', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adu-sqlite-'));
    dirs.push(dir);
    const store = createSqliteStore(dir);
    try {
      await lifecycle(store);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!process.env.REDIS_URL)('complaints on the Redis store (skipped: REDIS_URL unset)', () => {
  it('files, looks up, changes and purges', async () => {
    const store = createRedisStore(process.env.REDIS_URL ?? '', `layanan-test-${process.pid}-${Date.now()}`);
    try {
      await lifecycle(store);
    } finally {
      await store.close();
    }
  });
});

describe('complaints CLI', () => {
  it('lists, updates, exports CSV with a BOM, forgets and purges', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adu-cli-'));
    dirs.push(dir);
    const store = createSqliteStore(dir);
    const bot = makeBot({ store });
    const app = bot.app;
    const complaintsCommand = (_app: App, argv: string[]) =>
      runGroup('complaints', argv, { catalogue: app.catalogue, locales: app.locales, io: { out: (s) => void process.stdout.write(s), err: (s) => void process.stderr.write(s) } });
    const { ticket } = await fileComplaint(bot, 'telegram:1', 'Petugas minta uang pelicin Rp 500.000 untuk izin PBG, "katanya biar cepat"');
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
    const spyErr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await complaintsCommand(app, ['list', '--open'])).toBe(0);
      expect(out.join('')).toContain(`${ticket} · baru · pungli`);
      expect(await complaintsCommand(app, ['update', ticket ?? '', '--status', 'ditolak'])).toBe(2); // no reason: a usage mistake, refused before it runs
      expect(await complaintsCommand(app, ['update', ticket ?? '', '--status', 'diproses', '--note', 'Sedang ditelusuri inspektorat', '--by', 'wayan'])).toBe(0);
      expect(out.join('')).toContain('citizen not told yet');
      const file = join(dir, 'aduan.csv');
      expect(await complaintsCommand(app, ['export', '--format', 'csv', '--out', file])).toBe(0);
      const csv = readFileSync(file, 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(csv).toContain('"Petugas minta uang pelicin Rp 500.000 untuk izin PBG, ""katanya biar cepat"""');
      expect(csv).toContain('Sedang ditelusuri inspektorat');
      expect(await complaintsCommand(app, ['show', 'adu ' + (ticket ?? '').slice(4).toLowerCase()])).toBe(0);
      expect(out.join('')).toContain('(cli:wayan)');
      expect(await complaintsCommand(app, ['forget', ticket ?? ''])).toBe(0);
      expect((await bot.complaints.repo.get(ticket ?? ''))?.description).toBeNull();
      expect(await complaintsCommand(app, ['show', 'ADU-ZZZZZZ'])).toBe(1);
      expect(await complaintsCommand(app, ['purge'])).toBe(0);
      expect(out.join('')).toContain('0 complaint(s) removed');
    } finally {
      spy.mockRestore();
      spyErr.mockRestore();
      await store.close();
    }
  });
});
