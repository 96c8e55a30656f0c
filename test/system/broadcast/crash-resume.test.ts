import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../../src/app.js';
import { BroadcastRepository } from '../../../src/features/announcements/repository.js';
import { BroadcastService } from '../../../src/features/announcements/service.js';
import type { Broadcast } from '../../../src/features/announcements/schema.js';
import { Subscriptions } from '../../../src/features/announcements/state.js';
import { createSqliteStore, type Store } from '../../../src/store/store.js';
import { testClassifier, testConfig } from '../../support/app.js';
import type { FakeTelegram } from '../../support/fake-telegram.js';
import { startFake, stopAll } from '../../telegram/harness.js';
import { maxInWindow, perChat } from '../../broadcast/helpers.js';

const children: ChildProcess[] = [];
const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const s of stores.splice(0)) await s.close();
  await stopAll();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** `npm start` as a child process: the real service with SQLite under `dataDir`, Telegram on the fake. */
function service(fake: FakeTelegram, dataDir: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      REDIS_URL: '',
      LOG_LEVEL: 'silent',
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      STAFF_TELEGRAM_IDS: '42',
      BROADCAST_TELEGRAM_RATE: '25',
      // No HTTP server: parallel test files (and other services on this machine) may hold the default port.
      CONSOLE_PORT: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  return child;
}

async function waitForStatus(repo: BroadcastRepository, id: string, status: Broadcast['status'], timeoutMs: number): Promise<Broadcast> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const b = await repo.get(id);
    if (b?.status === status) return b;
    if (Date.now() > end) throw new Error(`broadcast still ${b?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The service is SIGKILLed in the middle of a broadcast (300 subscribers at the production rate, 25/s, against
 * a fake enforcing 30/s and 1/s per chat) and started again on the same SQLite folder. Nobody gets the
 * announcement twice; what was not sent is sent after the restart; a send cut off by the kill is reported as
 * `uncertain`, never repeated.
 */
describe('a broadcast survives the service being killed mid-run (SIGKILL, SQLite, real child process)', () => {
  it('resumes after the restart: at most one message per subscriber, the rest delivered, the cut-off ones reported uncertain', async () => {
    testClassifier(); // makes sure the cached model exists, so the child only loads it
    const dataDir = mkdtempSync(join(tmpdir(), 'layanan-crash-'));
    dirs.push(dataDir);
    const model = join(testConfig().dataDir, 'nlu-model.json');
    if (existsSync(model)) copyFileSync(model, join(dataDir, 'nlu-model.json'));
    const fake = await startFake({ limits: { globalPerSecond: 30, perChatPerSecond: 1 } });

    const store = createSqliteStore(dataDir);
    stores.push(store);
    const subscriptions = new Subscriptions(store);
    const chats = Array.from({ length: 300 }, (_, i) => 300_000 + i);
    for (const id of chats) await subscriptions.set(`telegram:${id}`, true, 'test', new Date());
    const repo = new BroadcastRepository(store);
    const b = await new BroadcastService(repo, subscriptions).queue(
      { text: 'Tatap muka ditiadakan mulai hari ini.', channels: ['telegram'], createdBy: 'telegram:42', scheduledAt: null },
      new Date(),
    );

    const first = service(fake, dataDir);
    const toCitizens = () => fake.callsOf('sendMessage').filter((c) => c.status === 200 && Number(c.params.chat_id) !== 42);
    await fake.waitFor(() => toCitizens().length >= 100, 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const beforeRestart = toCitizens().length;
    expect(beforeRestart).toBeLessThan(300);

    service(fake, dataDir);
    const final = await waitForStatus(repo, b.id, 'done', 60_000);

    const sends = fake.callsOf('sendMessage').filter((c) => Number(c.params.chat_id) !== 42);
    const got = perChat(sends);
    expect([...got.values()].every((n) => n === 1)).toBe(true);
    expect(toCitizens().length).toBeGreaterThan(beforeRestart);
    const c = final.counts.telegram;
    expect(c?.total).toBe(300);
    expect((c?.sent ?? 0) + (c?.uncertain ?? 0)).toBe(300);
    expect(c?.uncertain).toBeLessThanOrEqual(5); // at most the sends in flight at the kill
    // Every subscriber either got it, or is one of the reported uncertain ones.
    const missing = chats.filter((id) => !got.has(id));
    expect(missing.length).toBeLessThanOrEqual(c?.uncertain ?? 0);
    for (const id of missing) expect((await repo.delivery(b.id, `telegram:${id}`))?.state).toBe('uncertain');
    expect(sends.filter((x) => x.status === 429)).toEqual([]);
    expect(maxInWindow(sends)).toBeLessThanOrEqual(30);
    // The author got the final report in the chat.
    expect(fake.sentTo(42).at(-1)?.text).toMatch(/selesai: \d+ terkirim/);
  }, 120_000);
});
