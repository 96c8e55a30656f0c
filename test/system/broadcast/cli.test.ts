import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../src/app.js';
import { BroadcastRepository } from '../../../src/features/announcements/repository.js';
import { Subscriptions } from '../../../src/features/announcements/state.js';
import { createSqliteStore } from '../../../src/store/store.js';
import { testClassifier, testConfig } from '../../support/app.js';

const run = promisify(execFile);
let dataDir = '';

/** `npm run -s bot -- …` on the temp data folder; resolves with stdout and the exit code. */
async function bot(...args: string[]): Promise<{ out: string; code: number }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, REDIS_URL: '', LOG_LEVEL: 'silent' },
    });
    return { out: stdout, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; code?: number };
    return { out: e.stdout ?? '', code: e.code ?? 1 };
  }
}

beforeAll(async () => {
  testClassifier();
  dataDir = mkdtempSync(join(tmpdir(), 'layanan-cli-'));
  const model = join(testConfig().dataDir, 'nlu-model.json');
  if (existsSync(model)) copyFileSync(model, join(dataDir, 'nlu-model.json'));
  const store = createSqliteStore(dataDir);
  const subs = new Subscriptions(store);
  for (const k of ['telegram:1', 'telegram:2', 'whatsapp:62811@c.us']) await subs.set(k, true, 'test', new Date());
  await store.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('broadcast and closure CLI (same SQLite store as the service)', () => {
  it('closure set / show / reopen change the stored status', async () => {
    const set = await bot('closure', 'set', '--services', 'permit,oss', '--until', '2026-12-20', '--reason', 'banjir');
    expect(set.code).toBe(0);
    expect(JSON.parse(set.out)).toMatchObject({ closedServices: ['permit', 'oss'], until: '2026-12-20', reasons: [{ id: 'banjir' }] });
    expect((await bot('closure', 'show')).out).toContain('PENGUMUMAN DPMPTSP Tabanan');
    expect((await bot('closure', 'set', '--services', 'kantin')).code).toBe(2);
    const reopen = await bot('closure', 'reopen');
    expect(JSON.parse(reopen.out)).toMatchObject({ closedServices: [] });
    expect((await bot('closure', 'show')).out).toContain('dibuka kembali');
  }, 60_000);

  it('broadcast status --json prints JSON (null) when there is no broadcast yet, text without --json', async () => {
    const json = await bot('broadcast', 'status', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toBeNull();
    expect((await bot('broadcast', 'status')).out).not.toBe('null\n');
  }, 60_000);

  it('send previews without --yes (nothing queued), queues with --yes; status and cancel', async () => {
    const preview = await bot('broadcast', 'send', '--text', 'Pelayanan dibuka kembali.');
    expect(preview.out).toContain('Recipients: telegram 2, whatsapp 1');
    expect(preview.out).toContain('Nothing was queued');
    const store = createSqliteStore(dataDir);
    const repo = new BroadcastRepository(store);
    expect(await repo.list()).toEqual([]);

    // `--by NAME` names the CLI user: the staff key `cli:NAME` is the author and who cancels.
    const sent = await bot('broadcast', 'send', '--text', 'Pelayanan dibuka kembali.', '--channel', 'telegram', '--at', '2030-01-01T08:00', '--yes', '--by', 'ayu');
    expect(sent.out).toContain('2 penerima');
    const [b] = await repo.list();
    expect(b).toMatchObject({ status: 'queued', channels: ['telegram'], scheduledAt: '2030-01-01T00:00:00.000Z', createdBy: 'cli:ayu' });
    expect((await bot('broadcast', 'status')).out).toContain(`Siaran ${b?.id} (menunggu`);
    expect((await bot('broadcast', 'cancel', '--by', 'ayu')).out).toContain('dihentikan');
    expect(await repo.cancelRequest(b?.id ?? '')).toMatchObject({ by: 'cli:ayu' });
    await store.close();
  }, 60_000);
});
