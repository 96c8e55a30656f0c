/**
 * Webhook mode: setWebhook with the secret and allowed_updates, the secret header checked (403 otherwise),
 * fast answers, and redeliveries (also across a restart, through the store) answered once. The webhook is a
 * route on the service's one HTTP server when there is one, else the channel's own port (the fallback).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RefusalLog, SECRET_HEADER, secretMatches } from '../../src/channels/telegram/webhook.js';
import { createLogger } from '../../src/lib/log.js';
import { createHttpServer, type HttpServer } from '../../src/runtime/http.js';
import { createMemoryStore } from '../../src/store/store.js';
import { makeBot } from '../support/app.js';
import * as tg from '../support/telegram-updates.js';
import { z } from 'zod';
import { faultyStore } from '../support/faulty-store.js';
import { eventually, startChannel, startFake, stopAll, stubHost } from './harness.js';

const servers: HttpServer[] = [];
afterEach(async () => {
  await stopAll();
  for (const s of servers.splice(0)) await s.close();
});

/** The service's HTTP server on a free port, and that port. */
async function serviceHttp(): Promise<{ http: HttpServer; port: number }> {
  const http = createHttpServer({ host: '127.0.0.1', port: 0 }, bot0().log);
  servers.push(http);
  const url = await http.listen();
  return { http, port: Number(new URL(url ?? 'http://x:0').port) };
}
const bot0 = () => makeBot();

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
  it('registers the webhook on the service HTTP server, refuses a wrong or missing secret with 403, accepts the right one', async () => {
    const fake = await startFake();
    const bot = makeBot();
    const { http, port } = await serviceHttp();
    const webhook = { url: `https://layanan.tabanankab.go.id${URL_PATH}`, secret: SECRET, port: 0, host: '127.0.0.1' };
    const channel = await startChannel(fake, bot, { webhook, http });
    expect(fake.webhook).toEqual({ url: webhook.url, secret_token: SECRET, allowed_updates: ['message', 'callback_query', 'my_chat_member'] });
    expect(fake.callsOf('getUpdates')).toEqual([]);
    // No port of its own: the route is on the one server.
    expect(channel.webhookPort).toBeUndefined();
    expect(http.routedPaths.has(URL_PATH)).toBe(true);

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

  it('logs refused requests at most once a minute, with a count of the others', () => {
    const lines: string[] = [];
    const log = createLogger('warn', 'k'.repeat(32), { write: (line: string) => void lines.push(line) });
    const refusals = new RefusalLog(log, 60_000);
    for (let i = 0; i < 50; i++) refusals.refused('203.0.113.9', 1_000 + i * 100);
    expect(lines).toHaveLength(1);
    refusals.refused('203.0.113.9', 70_000);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1] ?? '{}')).toMatchObject({ alsoRefusedSinceLastLine: 49 });
  });

  it('remembers answered update ids across a restart through the store (fallback: its own port when no HTTP server runs)', async () => {
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

describe('Telegram webhook: a turn slower than the answer to Telegram', () => {
  it('keeps the update before answering 200, and a later process handles it; 503 when it cannot be kept', async () => {
    const fake = await startFake();
    const store = createMemoryStore();
    const webhook = { url: `https://layanan.tabanankab.go.id${URL_PATH}`, secret: SECRET, port: 0, host: '127.0.0.1' };
    // The first process never finishes the turn (it is killed while the store hangs).
    const releases: (() => void)[] = [];
    const never = () => new Promise<[]>((resolve) => releases.push(() => resolve([])));
    const hung = stubHost(never);
    const first = await startChannel(fake, hung, { webhook, store, acceptWaitMs: 50 });
    const update = { update_id: 990_101, ...tg.privateText(kadek, 'jam buka kantor?') };
    expect((await post(first.webhookPort ?? 0, update, { [SECRET_HEADER]: SECRET })).status).toBe(200);
    expect(hung.received.map((m) => m.text)).toEqual(['jam buka kantor?']);

    // The next process replays it at start: the citizen is answered, and nothing stays kept.
    const bot = makeBot({ store });
    const second = await startChannel(fake, bot, { webhook: { ...webhook }, store });
    const sent = await fake.waitForSent(kadek.id, 1);
    expect(sent[0]?.text).toMatch(/Senin|08\.00/);
    await bot.app.idle();
    const kept = store.collection('telegram_pending_updates', z.unknown());
    await eventually(async () => {
      for await (const entry of kept.entries()) return entry ? undefined : undefined;
      return true;
    });
    for (const release of releases.splice(0)) release();
    expect(second.webhookPort).toBeGreaterThan(0);

    // Slow again, and the store cannot keep it either: Telegram is told to send it again.
    const broken = faultyStore(createMemoryStore(), { down: false, fail: (op, name) => op === 'set' && name === 'telegram_pending_updates' });
    const third = await startChannel(fake, stubHost(never), { webhook, store: broken, acceptWaitMs: 50 });
    expect((await post(third.webhookPort ?? 0, { update_id: 990_102, ...tg.privateText(kadek, 'halo') }, { [SECRET_HEADER]: SECRET })).status).toBe(503);
    for (const release of releases.splice(0)) release();
  });
});

describe('Telegram polling: a turn slower than the next getUpdates', () => {
  it('keeps the update before the next poll confirms it, and a later process handles it', async () => {
    const fake = await startFake();
    const store = createMemoryStore();
    const releases: (() => void)[] = [];
    const hung = stubHost(() => new Promise<[]>((resolve) => releases.push(() => resolve([]))));
    await startChannel(fake, hung, { store, acceptWaitMs: 50 });
    fake.pushUpdate(tg.privateText(kadek, 'kantor buka jam berapa?'));
    const kept = store.collection('telegram_pending_updates', z.unknown());
    await eventually(async () => {
      for await (const entry of kept.entries()) return entry;
      return undefined;
    });
    try {
      // The hung process is as good as dead; the next one (same store) replays the kept update.
      const fake2 = await startFake();
      const bot = makeBot({ store });
      await startChannel(fake2, bot, { store });
      const sent = await fake2.waitForSent(kadek.id, 1);
      expect(sent[0]?.text).toMatch(/Senin|08\.00/);
    } finally {
      for (const release of releases.splice(0)) release();
    }
  });
});
