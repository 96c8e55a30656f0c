/**
 * Staff notices are durable: a complaint stored is announced to staff once, even across a crash. The notice
 * is queued (`staff_notices`) with the complaint, delivered by the running service, retried until sent, and
 * a notice a crash cut short during its send is resent, flagged as a possible repeat, at most MAX_NOTICE_RESENDS times.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NOTICE_STALE_MS } from '../../src/features/complaints/service.js';
import { MAX_NOTICE_RESENDS, staffNotices, type StaffNotice } from '../../src/features/complaints/notices.js';
import { startNoticeLoop, NOTICE_RETRY_MS } from '../../src/features/complaints/sweep.js';
import { silentLogger } from '../../src/lib/log.js';
import { createMemoryStore, type Store } from '../../src/store/store.js';
import { makeBot } from '../support/app.js';
import { clock, fileComplaint, RecordingChannel } from './helpers.js';

const STAFF_CHAT = 'telegram:-1001234567890';
const env = { STAFF_TELEGRAM_CHAT_ID: '-1001234567890', TELEGRAM_BOT_TOKEN: '123456789:AAFakeTokenForTestsOnly_abcdefghijklmno' };
const citizen = 'telegram:310200';

afterEach(() => {
  vi.useRealTimers();
});

/** A process over `store`: a bot with (or without) a running Telegram channel. */
function boot(store: Store, withChannel: boolean, now = clock().now) {
  const bot = makeBot({ store, env, now });
  const channel = new RecordingChannel('telegram');
  if (withChannel) bot.attach(channel);
  return { bot, channel };
}

/** Staff messages announcing `ticket`. */
const announced = (channel: RecordingChannel, ticket: string) => channel.to(STAFF_CHAT).filter((t) => t.includes(ticket));

async function notice(store: Store, ticket: string): Promise<StaffNotice | undefined> {
  return staffNotices(store).get(ticket);
}

describe('staff notices of new complaints', () => {
  it('are sent at once when staff can be reached, once', async () => {
    const store = createMemoryStore();
    const { bot, channel } = boot(store, true);
    const { ticket } = await fileComplaint(bot, citizen);
    await bot.app.idle();
    expect(ticket).toBeDefined();
    expect(announced(channel, ticket ?? '')).toHaveLength(1);
    expect((await notice(store, ticket ?? ''))?.state).toBe('sent');
    await bot.complaints.deliverNotices(new Date());
    expect(announced(channel, ticket ?? '')).toHaveLength(1);
  });

  it('survive a crash before the send: the next process announces the complaint, once', async () => {
    const store = createMemoryStore();
    // The first process stores the complaint, then dies before staff hear of it (no channel running yet).
    const first = boot(store, false);
    const { ticket } = await fileComplaint(first.bot, citizen);
    await first.bot.app.idle();
    expect((await notice(store, ticket ?? ''))?.state).toBe('pending');

    const second = boot(store, true);
    expect(await second.bot.complaints.deliverNotices(new Date())).toMatchObject({ sent: 1 });
    expect(announced(second.channel, ticket ?? '')).toHaveLength(1);
    expect(announced(second.channel, ticket ?? '')[0]).toMatch(/Pengaduan baru/);
    await second.bot.complaints.deliverNotices(new Date());
    expect(announced(second.channel, ticket ?? '')).toHaveLength(1);
  });

  it('a notice a killed process left at sending is resent by the next process at once, flagged as a possible repeat', async () => {
    const store = createMemoryStore();
    const first = boot(store, false);
    const { ticket } = await fileComplaint(first.bot, citizen);
    await first.bot.app.idle();
    const left = await notice(store, ticket ?? '');
    // As a process killed during the send leaves it: marked by that process, seconds ago.
    await staffNotices(store).set(ticket ?? '', { ...(left as StaffNotice), state: 'sending', by: 'killed-process', updatedAt: new Date().toISOString() });

    const second = boot(store, true);
    expect(await second.bot.complaints.deliverNotices(new Date())).toMatchObject({ sent: 1 });
    expect(announced(second.channel, ticket ?? '')).toHaveLength(1);
    expect(second.channel.to(STAFF_CHAT).join('\n')).toMatch(/mungkin|ulang|repeat/i);
    expect((await notice(store, ticket ?? ''))?.state).toBe('sent');
  });

  it('are retried by the running service until staff are reached', async () => {
    const store = createMemoryStore();
    const { bot, channel } = boot(store, true);
    channel.failing = true;
    const { ticket } = await fileComplaint(bot, citizen);
    await bot.app.idle();
    expect((await notice(store, ticket ?? ''))).toMatchObject({ state: 'pending', attempts: 1 });

    vi.useFakeTimers();
    const stop = startNoticeLoop(bot.complaints, silentLogger(), NOTICE_RETRY_MS);
    try {
      await vi.advanceTimersByTimeAsync(1); // the first run, at start: still failing
      expect((await notice(store, ticket ?? ''))?.attempts).toBe(2);
      channel.failing = false;
      await vi.advanceTimersByTimeAsync(NOTICE_RETRY_MS);
      expect(announced(channel, ticket ?? '')).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(3 * NOTICE_RETRY_MS);
      expect(announced(channel, ticket ?? '')).toHaveLength(1);
      expect((await notice(store, ticket ?? ''))?.state).toBe('sent');
    } finally {
      stop();
    }
  });

  it('a notice a crash left at "sending" is resent as a possible repeat, at most MAX_NOTICE_RESENDS times, then never again', async () => {
    const store = createMemoryStore();
    const t = clock('2026-11-23T02:00:00Z');
    const first = boot(store, false, t.now);
    const { ticket = '' } = await fileComplaint(first.bot, citizen);
    await first.bot.app.idle();
    // The process died during the send: the record says `sending`.
    const left = await notice(store, ticket);
    if (!left) throw new Error('notice queued with the complaint');
    await staffNotices(store).set(ticket, { ...left, state: 'sending', updatedAt: t.now().toISOString() });

    const second = boot(store, true, t.now);
    // Not yet stale: another instance may be sending it right now.
    await second.bot.complaints.deliverNotices(t.now());
    expect(announced(second.channel, ticket)).toHaveLength(0);

    t.add(NOTICE_STALE_MS + 1000);
    await second.bot.complaints.deliverNotices(t.now());
    const sent = announced(second.channel, ticket);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/Pemberitahuan ulang/);
    expect(sent[0]).toMatch(/Pengaduan baru/);

    // Each resend cut short again is sent again, up to MAX_NOTICE_RESENDS resends; then uncertain, never again.
    for (let resend = 2; resend <= MAX_NOTICE_RESENDS + 1; resend += 1) {
      const resent = await notice(store, ticket);
      if (!resent) throw new Error('still recorded');
      await staffNotices(store).set(ticket, { ...resent, state: 'sending', updatedAt: t.now().toISOString() });
      t.add(NOTICE_STALE_MS + 1000);
      const done = await second.bot.complaints.deliverNotices(t.now());
      if (resend <= MAX_NOTICE_RESENDS) {
        expect(done).toMatchObject({ sent: 1 });
        expect(announced(second.channel, ticket)).toHaveLength(resend);
      } else {
        expect(done).toMatchObject({ uncertain: 1, sent: 0 });
      }
    }
    await second.bot.complaints.deliverNotices(t.now());
    expect(announced(second.channel, ticket)).toHaveLength(MAX_NOTICE_RESENDS);
    expect((await notice(store, ticket))?.state).toBe('uncertain');
  });

  it('a notice queued for a complaint that a crash kept from being written waits for it', async () => {
    const store = createMemoryStore();
    const { bot, channel } = boot(store, true);
    await staffNotices(store).set('ADU-7K3M9Q', {
      ticket: 'ADU-7K3M9Q',
      state: 'pending',
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      attempts: 0,
    });
    await bot.complaints.deliverNotices(new Date());
    expect(channel.to(STAFF_CHAT)).toEqual([]);
    expect((await notice(store, 'ADU-7K3M9Q'))?.state).toBe('pending');
  });
});
