/**
 * Sending: rate limits, blocked users, escaping, long texts, and one slow chat not holding up the others —
 * through the real telegraf client and the fake Bot API (which parses HTML and enforces limits as Telegram).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { plain, type Reply } from '../../src/kernel/message.js';
import { PlatformApiError } from '../../src/lib/errors.js';
import { makeBot } from '../support/app.js';
import * as tg from '../support/telegram-updates.js';
import { eventually, startChannel, startFake, stopAll, stubHost } from './harness.js';

afterEach(stopAll);

const nyoman: tg.TgUser = { id: 310_003, first_name: 'Nyoman' };
const putu: tg.TgUser = { id: 310_004, first_name: 'Putu' };

describe('Telegram sending', () => {
  it('honours a 429: the second message is retried after retry_after and arrives, in order', async () => {
    const fake = await startFake({ limits: { globalPerSecond: 30, perChatPerSecond: 1, perChatBurst: 1 } });
    const bot = makeBot();
    await startChannel(fake, bot);
    // Two sends to one chat (one reply each: replies of one send are joined into one message).
    await Promise.all([bot.sendTo(`telegram:${nyoman.id}`, [plain('Pengumuman 1')]), bot.sendTo(`telegram:${nyoman.id}`, [plain('Pengumuman 2')])]);
    expect(fake.sentTo(nyoman.id).map((m) => m.text)).toEqual(['Pengumuman 1', 'Pengumuman 2']);
    // One 429 only: the retry waited retry_after (an early retry would have met another 429).
    const statuses = fake.callsOf('sendMessage').map((c) => c.status);
    expect(statuses).toEqual([200, 429, 200]);
  });

  it('gives a 429 longer than the caller can wait back as PlatformApiError with retryAfter', async () => {
    const fake = await startFake();
    const bot = makeBot();
    await startChannel(fake, bot, { retry: { maxRetryAfterMs: 5_000 } });
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 3600', parameters: { retry_after: 3600 } });
    const err = await bot.sendTo(`telegram:${nyoman.id}`, [plain('Pengumuman')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformApiError);
    expect(err).toMatchObject({ code: 429, retryAfter: 3600, platform: 'telegram', method: 'sendMessage' });
    expect(fake.sentTo(nyoman.id)).toEqual([]);
  });

  it('with retry off (the paced broadcast lane) a 429 comes back at once for the lane to pause on', async () => {
    const fake = await startFake();
    const bot = makeBot();
    await startChannel(fake, bot);
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } });
    const err = await bot.sendTo(`telegram:${nyoman.id}`, [plain('Pengumuman')], { retry: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 429, retryAfter: 2 });
    expect(fake.callsOf('sendMessage').map((c) => c.status)).toEqual([429]);
    expect(fake.sentTo(nyoman.id)).toEqual([]);
  });

  it('a 403 (blocked) unsubscribes the person and is thrown, not retried', async () => {
    const fake = await startFake();
    const bot = makeBot();
    await startChannel(fake, bot);
    fake.pushUpdate(tg.privateText(nyoman, '/langganan'));
    await fake.waitForSent(nyoman.id, 1);
    expect((await bot.subscriptions.get(`telegram:${nyoman.id}`))?.subscribed).toBe(true);

    fake.block(nyoman.id);
    const err = await bot.sendTo(`telegram:${nyoman.id}`, [plain('Layanan dibuka kembali'), plain('Detail')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformApiError);
    expect(err).toMatchObject({ code: 403, description: 'Forbidden: bot was blocked by the user' });
    expect(fake.callsOf('sendMessage').filter((c) => c.status === 403)).toHaveLength(1);
    const sub = await bot.subscriptions.get(`telegram:${nyoman.id}`);
    expect(sub?.subscribed).toBe(false);
    expect(sub?.changes.at(-1)?.via).toMatch(/^unreachable: .*blocked/);
  });

  it('a my_chat_member "kicked" update (the person blocked the bot) unsubscribes them', async () => {
    const fake = await startFake();
    const bot = makeBot();
    await startChannel(fake, bot);
    fake.pushUpdate(tg.privateText(putu, '/langganan'));
    await fake.waitForSent(putu.id, 1);
    fake.pushUpdate(tg.blockedBot(putu, fake.botUser.id));
    const sub = await eventually(async () => {
      const s = await bot.subscriptions.get(`telegram:${putu.id}`);
      return s?.subscribed === false ? s : undefined;
    });
    expect(sub.changes.at(-1)?.via).toMatch(/blocked the bot/);
    expect(fake.sentTo(putu.id)).toHaveLength(1);
  });

  it('escapes hostile text: what the person typed comes back exactly, bold stays bold, nothing refused', async () => {
    const fake = await startFake();
    const host = stubHost((m) => [{ parts: [{ text: 'Anda menulis: ' }, { text: m.text, bold: true }] }]);
    await startChannel(fake, host);
    const hostile = '<b>x</b> & <script>alert(1)</script> &amp; *_[tebal](http://x.y)_* `kode` ~a~ || 1 < 2 > 0 \\ .!#';
    fake.pushUpdate(tg.privateText(nyoman, hostile));
    const [reply] = await fake.waitForSent(nyoman.id, 1);
    expect(reply?.text).toBe(`Anda menulis: ${hostile}`);
    expect(reply?.entities).toEqual([{ type: 'bold', offset: 'Anda menulis: '.length, length: hostile.length }]);
    expect(fake.calls.filter((c) => c.status === 400)).toEqual([]);
  });

  it('answers an unknown command like "/<b>x" from the real engine without a parse error', async () => {
    const fake = await startFake();
    const bot = makeBot();
    await startChannel(fake, bot);
    fake.pushUpdate(tg.privateText(nyoman, '/<b>x</b> & <i>'));
    const [reply] = await fake.waitForSent(nyoman.id, 1);
    // Whatever the classifier makes of it, the answer arrives and Telegram parsed our HTML.
    expect(reply?.text).toMatch(/\S/);
    expect(reply?.params.parse_mode).toBe('HTML');
    expect(fake.calls.filter((c) => c.status === 400)).toEqual([]);
  });

  it('splits a 10,000-character reply into messages under 4096 characters, in order, nothing lost', async () => {
    const fake = await startFake();
    const paragraph = `${'Syarat izin: KTP, NPWP, NIB & akta <pendirian>. '.repeat(8)}\n\n`;
    const long = paragraph.repeat(Math.ceil(10_000 / paragraph.length)).slice(0, 10_000);
    const host = stubHost((): Reply[] => [{ parts: [{ text: long }], options: [{ key: '1', label: 'Menu' }] }]);
    await startChannel(fake, host);
    fake.pushUpdate(tg.privateText(nyoman, 'syarat lengkap?'));
    const sent = await fake.waitForSent(nyoman.id, 3);
    await fake.waitFor(() => fake.callsOf('getUpdates').length > 3);
    expect(fake.sentTo(nyoman.id)).toHaveLength(3);
    for (const m of sent) expect(m.text.length).toBeLessThanOrEqual(4096);
    expect(sent.map((m) => m.text).join(' ').split(/\s+/)).toEqual(long.trim().split(/\s+/));
    // Cut at paragraph breaks: every message ends a sentence.
    for (const m of sent.slice(0, -1)) expect(m.text.endsWith('.')).toBe(true);
    expect(sent.map((m) => m.params.reply_markup !== undefined)).toEqual([false, false, true]);
  });

  it('one slow chat does not hold up the others; its own reply still arrives', async () => {
    const fake = await startFake();
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const host = stubHost(async (m) => {
      if (m.userKey === `telegram:${nyoman.id}`) await slow;
      return [plain(`jawaban untuk ${m.text}`)];
    });
    await startChannel(fake, host, { acceptWaitMs: 50 });
    fake.pushUpdate(tg.privateText(nyoman, 'pertama'));
    fake.pushUpdate(tg.privateText(putu, 'halo'));
    const [toPutu] = await fake.waitForSent(putu.id, 1);
    expect(toPutu?.text).toBe('jawaban untuk halo');
    fake.pushUpdate(tg.privateText(putu, 'lagi'));
    await fake.waitForSent(putu.id, 2);
    expect(fake.sentTo(nyoman.id)).toEqual([]);
    release();
    const [toNyoman] = await fake.waitForSent(nyoman.id, 1);
    expect(toNyoman?.text).toBe('jawaban untuk pertama');
  });

  it('turns link previews on when configured', async () => {
    const fake = await startFake();
    const host = stubHost(() => [plain('Daftar di https://oss.go.id')]);
    await startChannel(fake, host, { linkPreview: true });
    fake.pushUpdate(tg.privateText(nyoman, 'oss'));
    const [reply] = await fake.waitForSent(nyoman.id, 1);
    expect(reply?.params.link_preview_options).toBeUndefined();
  });

  it('stop() lets the turn in flight send its reply, then stops polling', async () => {
    const fake = await startFake();
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const host = stubHost(async (m) => {
      await slow;
      return [plain(`jawaban untuk ${m.text}`)];
    });
    const channel = await startChannel(fake, host, { acceptWaitMs: 20 });
    fake.pushUpdate(tg.privateText(nyoman, 'sebelum berhenti'));
    await fake.waitFor(() => host.received.length === 1);
    const stopped = channel.stop();
    release();
    await stopped;
    expect(fake.sentTo(nyoman.id).map((m) => m.text)).toEqual(['jawaban untuk sebelum berhenti']);
    const polls = fake.callsOf('getUpdates').length;
    fake.pushUpdate(tg.privateText(nyoman, 'sesudah berhenti'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.callsOf('getUpdates').length).toBe(polls);
    expect(host.received).toHaveLength(1);
  });
});
