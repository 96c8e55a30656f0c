/**
 * Staff notices on one Redis shared by several instances: a notice another instance left at `sending` is
 * resent (as a possible repeat) as soon as that instance's notice lock is free, never while it holds it.
 * The lock is held from before the `sending` mark until after the `sent` mark, so a free lock means the
 * marking instance died in between.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { staffNotices } from '../../src/features/complaints/notices.js';
import { NOTICE_LOCK_MS } from '../../src/features/complaints/service.js';
import { createStore, type Store } from '../../src/store/store.js';
import { makeBot } from '../support/app.js';
import { fileComplaint, RecordingChannel } from './helpers.js';

const REDIS_URL = process.env.REDIS_URL;
const STAFF_CHAT = 'telegram:-1001234567890';
const env = { STAFF_TELEGRAM_CHAT_ID: '-1001234567890', TELEGRAM_BOT_TOKEN: '123456789:AAFakeTokenForTestsOnly_abcdefghijklmno' };
const stores: Store[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
});

describe.skipIf(!REDIS_URL)(`staff notices on one Redis${REDIS_URL ? '' : ' (skipped: REDIS_URL unset; CI sets it)'}`, () => {
  it('a notice left at "sending" by a dead instance is resent at once; one whose sender holds its lock waits', async () => {
    const prefix = `notice-test-${randomUUID().slice(0, 8)}`;
    const open = (withChannel: boolean) => {
      const store = createStore({ dataDir: '/tmp', redisUrl: REDIS_URL, redisPrefix: prefix });
      stores.push(store);
      const bot = makeBot({ store, env });
      const channel = new RecordingChannel('telegram');
      if (withChannel) bot.attach(channel);
      return { bot, channel, store };
    };
    // Instance A files the complaint with no staff chat reachable: the notice stays pending.
    const a = open(false);
    const { ticket = '' } = await fileComplaint(a.bot, 'telegram:310201');
    await a.bot.app.idle();
    const notices = staffNotices(a.store);
    const left = await notices.get(ticket);
    if (!left) throw new Error('notice queued with the complaint');

    // A marks it `sending` and holds its lock (as a live sender does): B must not send it.
    const b = open(true);
    const lock = a.store.lock;
    if (!lock) throw new Error('a Redis store has locks');
    const release = await lock(`notice:${ticket}`, NOTICE_LOCK_MS, 0);
    await notices.set(ticket, { ...left, state: 'sending', by: 'instance-a', updatedAt: new Date().toISOString() });
    expect(await b.bot.complaints.deliverNotices(new Date())).toMatchObject({ sent: 0, held: 1 });
    expect(b.channel.to(STAFF_CHAT).filter((t) => t.includes(ticket))).toEqual([]);

    // A dies: its lock is free (released here; a killed one expires within NOTICE_LOCK_MS). B resends it once.
    await release();
    expect(await b.bot.complaints.deliverNotices(new Date())).toMatchObject({ sent: 1, held: 0 });
    const sent = b.channel.to(STAFF_CHAT).filter((t) => t.includes(ticket));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/Pemberitahuan ulang/);
    expect((await notices.get(ticket))?.state).toBe('sent');
    await b.bot.complaints.deliverNotices(new Date());
    expect(b.channel.to(STAFF_CHAT).filter((t) => t.includes(ticket))).toHaveLength(1);
  });
});
