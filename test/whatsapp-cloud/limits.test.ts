/**
 * Graph errors as the channel treats them: throttling (130429/131056/131048) retried after its pause by the
 * shared retry policy, 131026 final and reported through the one unreachable hook (also when it arrives as a
 * failed status), an expired token (190) final with one staff alert. And the renderer's limits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { graphError } from '../../src/channels/whatsapp-cloud/errors.js';
import { renderReply } from '../../src/channels/whatsapp-cloud/render.js';
import { templateParam } from '../../src/channels/whatsapp-cloud/adapter.js';
import { retryDecision, DEFAULT_RETRY } from '../../src/lib/retry.js';
import { memoryChannel } from '../broadcast/support.js';
import { startCloud, stopAll, textsTo } from './harness.js';

afterEach(stopAll);

const AYU = { waId: '6281234500020', name: 'Ayu' };

describe('Graph error codes', () => {
  it('map onto the shared retry policy: throttling waits, the rest is final', () => {
    const decide = (status: number, code: number) => retryDecision(graphError('messages', status, { error: { code, message: 'x' } }), 1, DEFAULT_RETRY);
    expect(decide(400, 130429)).toMatchObject({ retry: true, delayMs: 1000 });
    expect(decide(400, 131056)).toMatchObject({ retry: true, delayMs: 6000 });
    expect(decide(400, 131048)).toMatchObject({ retry: true, delayMs: 30_000 });
    expect(decide(429, 80007)).toMatchObject({ retry: true });
    expect(decide(400, 131047)).toMatchObject({ retry: false });
    expect(decide(400, 131026)).toMatchObject({ retry: false });
    expect(decide(401, 190)).toMatchObject({ retry: false });
    expect(decide(500, 131000)).toMatchObject({ retry: true });
    expect(graphError('messages', 400, { error: { code: 131047, message: 'Re-engagement message' } })).toMatchObject({ code: 470, graphCode: 131047 });
    expect(graphError('messages', 400, { error: { code: 131026, message: 'Message undeliverable' } })).toMatchObject({ code: 403, graphCode: 131026 });
  });
});

describe('WhatsApp Cloud API limits and errors', () => {
  it('a reply throttled twice (130429, then 131056) is sent once after the pauses', async () => {
    const { fake, channel } = await startCloud();
    fake.failNext({ status: 400, code: 130429 }, { status: 400, code: 131056 });
    await fake.message(AYU, '/kontak');
    await channel.whenIdle();
    const calls = fake.sends();
    expect(calls.map((c) => c.code ?? c.status)).toEqual([130429, 131056, 200]);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect((calls[2]?.at ?? 0) - (calls[1]?.at ?? 0)).toBeGreaterThanOrEqual(5900);
    expect(textsTo(fake, AYU.waId)).toEqual([expect.stringContaining('Kabupaten Tabanan')]);
  }, 20_000);

  it('131026 is final: the person is reported unreachable (unsubscribed), also from a failed status', async () => {
    const { fake, bot, channel } = await startCloud();
    await fake.message(AYU, 'langganan');
    await channel.whenIdle();
    const key = `wacloud:${AYU.waId}`;
    expect((await bot.subscriptions.get(key))?.subscribed).toBe(true);
    fake.failNext({ status: 400, code: 131026, message: 'Message undeliverable' });
    const err = await bot.sendTo(key, [{ parts: [{ text: 'Pengumuman' }] }]).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ code: 403, graphCode: 131026 });
    expect(fake.sends().filter((c) => c.code === 131026)).toHaveLength(1);
    expect((await bot.subscriptions.get(key))?.subscribed).toBe(false);

    // Another person: accepted, then Meta reports the delivery failed with 131026.
    const BUDI = { waId: '6281234500021' };
    await fake.message(BUDI, 'langganan');
    await channel.whenIdle();
    await bot.sendTo(`wacloud:${BUDI.waId}`, [{ parts: [{ text: 'Pengumuman' }] }]);
    const sent = fake.sentTo(BUDI.waId).at(-1);
    expect(await fake.status(sent?.id ?? '', 'failed', [131026])).toBe(200);
    await channel.whenIdle();
    expect(await channel.status(sent?.id ?? '')).toMatchObject({ state: 'failed', codes: [131026] });
    expect((await bot.subscriptions.get(`wacloud:${BUDI.waId}`))?.subscribed).toBe(false);
  });

  it('an expired token (190) is final and alerts staff once', async () => {
    const { fake, bot, channel } = await startCloud({ env: { STAFF_TELEGRAM_IDS: '42' } });
    const staffChat = memoryChannel('telegram');
    bot.attach(staffChat);
    await fake.message(AYU, 'halo');
    await channel.whenIdle();
    const before = fake.sends().length;
    fake.failNext({ status: 401, code: 190, message: 'Error validating access token: Session has expired' }, { status: 401, code: 190 });
    for (let i = 0; i < 2; i++) {
      const err = await bot.sendTo(`wacloud:${AYU.waId}`, [{ parts: [{ text: 'Kabar' }] }]).then(() => undefined, (e: unknown) => e);
      expect(err).toMatchObject({ code: 401, graphCode: 190 });
    }
    await channel.whenIdle();
    // One call per send (no retry), and one alert for both.
    expect(fake.sends().length - before).toBe(2);
    expect(staffChat.sent.map((s) => s.to)).toEqual(['telegram:42']);
    expect(staffChat.sent[0]?.text).toMatch(/token/);
  });
});

describe('rendering', () => {
  const reply = (text: string, n = 0) => ({ parts: [{ text }], options: Array.from({ length: n }, (_, i) => ({ key: String(i + 1), label: `Pilihan nomor ${i + 1}` })) });

  it('cuts text under 4,096 characters', () => {
    const long = Array.from({ length: 400 }, (_, i) => `Kalimat nomor ${i} tentang perizinan.`).join(' ');
    const messages = renderReply(reply(long));
    expect(messages.length).toBeGreaterThan(3);
    expect(messages.every((m) => m.text.length <= 4096)).toBe(true);
    expect(messages.map((m) => m.text).join(' ')).toBe(long);
  });

  it('shows up to 3 options as reply buttons, 4–10 as a list, more as numbered text only', () => {
    const buttons = renderReply(reply('Kirim pengaduan ini?', 3)).at(-1)?.body;
    expect(buttons).toMatchObject({ type: 'interactive', interactive: { type: 'button', action: { buttons: [{ reply: { id: 'opt:1', title: 'Pilihan nomor 1' } }, {}, {}] } } });
    expect(renderReply(reply('Pilih topik:', 10)).at(-1)?.body).toMatchObject({ type: 'interactive', interactive: { type: 'list' } });
    expect(renderReply(reply('Pilih topik:', 11)).map((m) => m.body.type)).toEqual(['text']);
    // A long text with a menu: the text first, the last piece (≤ 1,024, the most an interactive body holds)
    // carries the list.
    const parts = renderReply(reply('x'.repeat(3000), 5));
    expect(parts.map((m) => m.body.type)).toEqual(['text', 'text', 'interactive']);
    expect(parts.every((m) => m.text.length <= 1024)).toBe(true);
    expect(parts.map((m) => m.text).join('')).toBe('x'.repeat(3000));
  });

  it('fences formatting markers in plain text and bolds bold runs', () => {
    const [m] = renderReply({ parts: [{ text: 'Izin ' }, { text: 'A_12_B', bold: true }, { text: ' untuk *semua*' }] });
    expect(m?.text).toBe('Izin *A\u2060_\u206012\u2060_\u2060B* untuk \u2060*\u2060semua\u2060*\u2060');
  });

  it('a template parameter holds no new line, tab or long run of spaces, and is bounded', () => {
    expect(templateParam('Status: diproses\n\nCatatan:\tberkas     lengkap')).toBe('Status: diproses · Catatan: berkas lengkap');
    expect([...templateParam('a'.repeat(5000))].length).toBe(900);
  });
});
