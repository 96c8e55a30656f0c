/**
 * Webhook mode: setWebhook with the secret and allowed_updates, the secret header checked (403 otherwise),
 * fast answers, and redeliveries (also across a restart, through the store) answered once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SECRET_HEADER, secretMatches } from '../../src/channels/telegram/webhook.js';
import { createMemoryStore } from '../../src/store/store.js';
import { makeBot } from '../support/app.js';
import * as tg from '../support/telegram-updates.js';
import { startChannel, startFake, stopAll } from './harness.js';

afterEach(stopAll);

const SECRET = 'Tabanan_webhook_secret_2020';
const URL_PATH = '/telegram/hook';
const kadek: tg.TgUser = { id: 310_005, first_name: 'Kadek' };

function post(port: number, body: unknown, headers: Record<string, string> = {}, path = URL_PATH, method = 'POST'): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(method === 'POST' ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
}

describe('secretMatches', () => {
  it('accepts only the exact secret', () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches(SECRET, `${SECRET}x`)).toBe(false);
    expect(secretMatches(SECRET, SECRET.slice(0, -1))).toBe(false);
    expect(secretMatches(SECRET, '')).toBe(false);
    expect(secretMatches(SECRET, undefined)).toBe(false);
    expect(secretMatches(SECRET, [SECRET, SECRET])).toBe(false);
  });
});

describe('Telegram webhook mode', () => {
  it('registers the webhook, refuses a wrong or missing secret with 403, accepts the right one', async () => {
    const fake = await startFake();
    const bot = makeBot();
    const webhook = { url: `https://layanan.tabanankab.go.id${URL_PATH}`, secret: SECRET, port: 0, host: '127.0.0.1' };
    const channel = await startChannel(fake, bot, { webhook });
    expect(fake.webhook).toEqual({ url: webhook.url, secret_token: SECRET, allowed_updates: ['message', 'callback_query', 'my_chat_member'] });
    expect(fake.callsOf('getUpdates')).toEqual([]);
    const port = channel.webhookPort ?? 0;

    const update = { update_id: 880_001, ...tg.privateText(kadek, '/kontak') };
    expect((await post(port, update)).status).toBe(403);
    expect((await post(port, update, { [SECRET_HEADER]: 'wrong-secret-value-000' })).status).toBe(403);
    expect((await post(port, update, { [SECRET_HEADER]: `${SECRET}0` })).status).toBe(403);
    expect((await post(port, update, { [SECRET_HEADER]: SECRET }, '/other')).status).toBe(404);
    expect((await post(port, update, { [SECRET_HEADER]: SECRET }, URL_PATH, 'GET')).status).toBe(405);
    expect((await post(port, '{not json', { [SECRET_HEADER]: SECRET })).status).toBe(400);
    expect(fake.sentTo(kadek.id)).toEqual([]);

    // The right secret: 200, and the answer is sent (the update was refused before, so it is new here).
    expect((await post(port, update, { [SECRET_HEADER]: SECRET })).status).toBe(200);
    const [reply] = await fake.waitForSent(kadek.id, 1);
    expect(reply?.text).toContain('Kabupaten Tabanan');

    // A redelivery of the same update_id is accepted (200, so Telegram stops) but not answered again.
    expect((await post(port, update, { [SECRET_HEADER]: SECRET })).status).toBe(200);
    expect((await post(port, { update_id: 880_002, ...tg.privateText(kadek, '/berhenti') }, { [SECRET_HEADER]: SECRET })).status).toBe(200);
    const sent = await fake.waitForSent(kadek.id, 2);
    expect(sent.map((m) => m.text)).toEqual([expect.stringContaining('Kabupaten Tabanan'), expect.stringMatching(/tidak akan menerima pengumuman/)]);
  });

  it('remembers answered update ids across a restart through the store', async () => {
    const fake = await startFake();
    const store = createMemoryStore();
    const bot = makeBot({ store });
    const webhook = { url: `https://layanan.tabanankab.go.id${URL_PATH}`, secret: SECRET, port: 0, host: '127.0.0.1' };
    const first = await startChannel(fake, bot, { webhook });
    const update = { update_id: 990_001, ...tg.privateText(kadek, '/kontak') };
    expect((await post(first.webhookPort ?? 0, update, { [SECRET_HEADER]: SECRET })).status).toBe(200);
    await fake.waitForSent(kadek.id, 1);
    await first.stop();

    // A new process (new channel, empty memory) gets the same update again from Telegram.
    const second = await startChannel(fake, bot, { webhook });
    expect((await post(second.webhookPort ?? 0, update, { [SECRET_HEADER]: SECRET })).status).toBe(200);
    expect((await post(second.webhookPort ?? 0, { update_id: 990_002, ...tg.privateText(kadek, '/langganan') }, { [SECRET_HEADER]: SECRET })).status).toBe(200);
    const sent = await fake.waitForSent(kadek.id, 2);
    expect(sent.map((m) => m.text)).toEqual([expect.stringContaining('Kabupaten Tabanan'), expect.stringMatching(/sudah berlangganan/)]);
  });
});

describe('refused webhook requests are logged at a bounded rate', () => {
  it('logs the first refusal at once, then at most one line a minute with the count', async () => {
    const { Writable } = await import('node:stream');
    const { pino } = await import('pino');
    const { createWebhookServer } = await import('../../src/channels/telegram/webhook.js');
    const lines: { msg: string; refused?: number }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as { msg: string; refused?: number });
        done();
      },
    });
    let t = 1_000_000;
    const server = createWebhookServer({ path: URL_PATH, secret: SECRET, onUpdate: async () => undefined, log: pino({ level: 'warn' }, sink), now: () => t });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as import('node:net').AddressInfo).port;
      for (let i = 0; i < 50; i++) expect((await post(port, { update_id: i }, { [SECRET_HEADER]: 'wrong-secret-value-000' })).status).toBe(403);
      expect(lines.filter((l) => /refused/.test(l.msg))).toHaveLength(1);
      t += 60_000;
      expect((await post(port, { update_id: 99 })).status).toBe(403);
      const refusals = lines.filter((l) => /refused/.test(l.msg));
      expect(refusals).toHaveLength(2);
      expect(refusals.map((l) => l.refused)).toEqual([1, 50]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
