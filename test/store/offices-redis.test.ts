import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { telegramDelivery } from '../../src/channels/telegram/module.js';
import { BullBroadcastQueue } from '../../src/features/announcements/queue-bullmq.js';
import type { DeliverySettings } from '../../src/features/announcements/worker.js';
import { parseConfig } from '../../src/config.js';
import { ConfigError } from '../../src/lib/errors.js';
import type { TestBot as Bot } from '../support/app.js';
import { createStore, type Store } from '../../src/store/store.js';
import { fileComplaint } from '../complaints/helpers.js';
import { makeBot, say, testConfig } from '../support/app.js';

const REDIS_URL = process.env.REDIS_URL;

describe('REDIS_PREFIX', () => {
  it('defaults to layanan:<office file name> and can be set; a bad one names the variable', () => {
    expect(parseConfig({}).redisPrefix).toBe('layanan:tabanan');
    expect(parseConfig({ OFFICE_FILE: 'offices/Kab Badung.json' }).redisPrefix).toBe('layanan:kab-badung');
    expect(parseConfig({ REDIS_PREFIX: 'layanan' }).redisPrefix).toBe('layanan');
    expect(() => parseConfig({ REDIS_PREFIX: 'bad prefix*' })).toThrow(ConfigError);
    expect(() => parseConfig({ REDIS_PREFIX: 'bad prefix*' })).toThrow(/REDIS_PREFIX: up to 64 letters/);
  });
});

const settings: DeliverySettings = {
  channels: [{ name: 'telegram', label: 'Telegram', delivery: telegramDelivery(100) }],
  timeZone: 'Asia/Makassar',
  progressEveryMs: 60_000,
  pollMs: 50,
};

interface Office {
  name: string;
  prefix: string;
  store: Store;
  bot: Bot;
  queue: BullBroadcastQueue;
  sent: string[];
}

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => undefined);
});

describe.skipIf(!REDIS_URL)(`two offices on one Redis${REDIS_URL ? '' : ' (skipped: REDIS_URL unset; CI sets it)'}`, () => {
  /** An office as `npm start` builds it: its own office file, prefix derived from the file name. */
  function office(name: string): Office {
    const dir = mkdtempSync(join(tmpdir(), 'layanan-office-'));
    const file = join(dir, `${name}.json`);
    copyFileSync(testConfig().officeFile, file);
    const config = parseConfig({ OFFICE_FILE: file, REDIS_URL: REDIS_URL ?? '', DATA_DIR: dir });
    const store = createStore({ dataDir: dir, redisUrl: config.REDIS_URL, redisPrefix: config.redisPrefix });
    const bot = makeBot({ store, env: { OFFICE_FILE: file, STAFF_TELEGRAM_IDS: '900' } });
    const sent: string[] = [];
    const deps = bot.app.announcements.workerDeps({
      settings,
      canSend: () => true,
      send: async (key) => {
        sent.push(key);
      },
      report: async () => undefined,
    });
    const queue = new BullBroadcastQueue(deps, { redisUrl: REDIS_URL ?? '', prefix: `${config.redisPrefix}-bq` });
    cleanup.push(async () => {
      await queue.obliterate();
      await queue.stop();
      await store.close();
      const redis = new Redis(REDIS_URL ?? '');
      const keys = await redis.keys(`${config.redisPrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    });
    return { name, prefix: config.redisPrefix, store, bot, queue, sent };
  }

  it('never see each other’s sessions, complaints or broadcasts', async () => {
    const run = `${process.pid}${Date.now().toString(36)}`;
    const a = office(`tabanan${run}`);
    const b = office(`badung${run}`);
    expect(a.prefix).toBe(`layanan:tabanan${run}`);
    expect(b.prefix).toBe(`layanan:badung${run}`);

    // Sessions: the same person (same user key) is a stranger to the other office.
    await say(a.bot, 'telegram:1', 'halo');
    await say(a.bot, 'telegram:1', 'mau lapor');
    expect((await a.bot.sessions.get('telegram:1'))?.turns).toBe(2);
    expect(await b.bot.sessions.get('telegram:1')).toBeUndefined();

    // Complaints: a ticket of one office is unknown to the other, and never listed there.
    const { ticket } = await fileComplaint(a.bot, 'telegram:2');
    expect(ticket).toBeDefined();
    expect(await a.bot.complaints.repo.get(ticket ?? '')).toBeDefined();
    expect(await b.bot.complaints.repo.get(ticket ?? '')).toBeUndefined();
    expect(await b.bot.complaints.listOpen(new Date())).toEqual([]);
    expect((await say(b.bot, 'telegram:2', `status ${ticket}`)).join('\n')).not.toContain('baru diterima');

    // Broadcasts: each office's announcement reaches its own subscribers only, through its own queue.
    await a.bot.subscriptions.set('telegram:10', true, 'test', new Date());
    await b.bot.subscriptions.set('telegram:20', true, 'test', new Date());
    const fromA = await a.bot.broadcasts.queue({ text: 'Kantor Tabanan buka.', channels: ['telegram'], createdBy: 'cli', scheduledAt: null }, new Date());
    expect(await b.bot.broadcasts.status(fromA.id)).toBeUndefined();
    expect(await b.bot.broadcasts.status()).toBeUndefined();
    await Promise.all([a.queue.start(), b.queue.start()]);
    for (let i = 0; i < 200 && (await a.bot.broadcasts.status(fromA.id))?.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await a.bot.broadcasts.status(fromA.id))?.status).toBe('done');
    expect(a.sent).toEqual(['telegram:10']);
    expect(b.sent).toEqual([]);
    await Promise.all([a.queue.stop(), b.queue.stop()]);

    // And on the server itself: every key either office wrote lies under its own prefix.
    const redis = new Redis(REDIS_URL ?? '');
    try {
      const keysOf = async (p: string) => (await redis.keys(`${p}*`)).sort();
      const ofA = await keysOf(`layanan:tabanan${run}`);
      const ofB = await keysOf(`layanan:badung${run}`);
      expect(ofA.some((k) => k.startsWith(`${a.prefix}:sessions`))).toBe(true);
      expect(ofA.some((k) => k.startsWith(`${a.prefix}:complaints`))).toBe(true);
      expect(ofA.some((k) => k.startsWith(`${a.prefix}-bq:`))).toBe(true);
      expect(ofB.some((k) => k.startsWith(`${b.prefix}:subscriptions`))).toBe(true);
      // B filed nothing and served only telegram:2 (the status question); A's person telegram:1 is not there.
      expect(ofB.some((k) => k.includes(':complaints'))).toBe(false);
      expect(ofB.filter((k) => k.startsWith(`${b.prefix}:sessions`))).toEqual([`${b.prefix}:sessions::telegram:2`]);
    } finally {
      await redis.quit();
    }
  }, 60_000);
});
