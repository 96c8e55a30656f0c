/**
 * The webhook on the service's HTTP server: Meta's verification handshake, signatures over the raw body,
 * redeliveries answered once (also across a restart, through the store), and no HTTP server → a typed,
 * final start error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookServerMissing } from '../../src/channels/whatsapp-cloud/errors.js';
import { signature, signatureMatches } from '../../src/channels/whatsapp-cloud/webhook.js';
import { isFinalStartError } from '../../src/runtime/supervise.js';
import { createMemoryStore } from '../../src/store/store.js';
import { makeBot } from '../support/app.js';
import { FakeGraph } from '../support/fake-graph.js';
import { APP_SECRET, cloudEnv, startCloud, stopAll, textsTo, VERIFY_TOKEN } from './harness.js';

afterEach(stopAll);

const WAYAN = { waId: '6281234500001', name: 'Wayan' };

describe('signatures', () => {
  it('accepts only the HMAC-SHA256 of the exact raw body', () => {
    const body = new TextEncoder().encode('{"object":"whatsapp_business_account"}');
    const good = signature(APP_SECRET, body);
    expect(signatureMatches(APP_SECRET, body, good)).toBe(true);
    expect(signatureMatches(APP_SECRET, body, good.toUpperCase().replace('SHA256', 'sha256'))).toBe(true);
    expect(signatureMatches(APP_SECRET, new TextEncoder().encode('{"object": "whatsapp_business_account"}'), good)).toBe(false);
    expect(signatureMatches('another-app-secret-000000', body, good)).toBe(false);
    expect(signatureMatches(APP_SECRET, body, null)).toBe(false);
    expect(signatureMatches(APP_SECRET, body, 'sha256=abc')).toBe(false);
    expect(signatureMatches(APP_SECRET, body, good.replace('sha256=', 'sha1='))).toBe(false);
  });
});

describe('WhatsApp Cloud API webhook', () => {
  it('answers the verification handshake only with the right verify token', async () => {
    const { url } = await startCloud();
    const get = (q: string) => fetch(`${url}?${q}`);
    const ok = await get(`hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await get(`hub.mode=subscribe&hub.verify_token=wrong-token&hub.challenge=1158201444`)).status).toBe(403);
    expect((await get(`hub.mode=subscribe&hub.challenge=1158201444`)).status).toBe(403);
    expect((await get(`hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`)).status).toBe(403);
  });

  it('refuses a forged or missing signature with 403 and never answers it', async () => {
    const { fake } = await startCloud();
    const body = fake.messageBody(WAYAN, 'jam buka kantor?');
    expect(await fake.deliver(body, null)).toBe(403);
    expect(await fake.deliver(body, signature('not-the-app-secret-000000', JSON.stringify(body)))).toBe(403);
    expect(await fake.deliver(body, `sha256=${'0'.repeat(64)}`)).toBe(403);
    // A body changed after signing (one space) is not the body that was signed.
    expect(await fake.deliver(JSON.stringify(body, null, 1), signature(APP_SECRET, JSON.stringify(body)))).toBe(403);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.sends()).toEqual([]);
    // Signed, it is answered.
    expect(await fake.deliver(body)).toBe(200);
    const [reply] = await fake.waitForSent(WAYAN.waId, 1);
    expect(reply && FakeGraph.textOf(reply)).toMatch(/Senin|08[.:]00/);
  });

  it('answers a redelivered message once, also after a restart (the store remembers the id)', async () => {
    const store = createMemoryStore();
    const first = await startCloud({ store });
    const { status, body } = await first.fake.message(WAYAN, '/kontak');
    expect(status).toBe(200);
    await first.fake.waitForSent(WAYAN.waId, 1);
    expect(await first.fake.deliver(body)).toBe(200);
    await first.channel.whenIdle();
    await first.channel.stop();

    // A new process on the same store gets the same webhook again, then a new message.
    const second = await startCloud({ store, existing: first.fake });
    expect(await second.fake.deliver(body)).toBe(200);
    await second.fake.message(WAYAN, '/berhenti');
    const sent = await second.fake.waitForSent(WAYAN.waId, 2);
    await second.channel.whenIdle();
    expect(sent).toHaveLength(2);
    expect(textsTo(second.fake, WAYAN.waId)).toEqual([expect.stringContaining('Kabupaten Tabanan'), expect.stringMatching(/tidak akan menerima pengumuman/)]);
  });

  it('without an HTTP server (CONSOLE_PORT=0) start fails with a typed error naming CONSOLE_PORT, which the supervisor gives up on', async () => {
    const fake = await FakeGraph.start();
    try {
      const bot = makeBot({ env: cloudEnv(fake, { CONSOLE_PORT: '0' }) });
      const bound = bot.app.enabledChannels().find((c) => c.name === 'wacloud');
      const channel = await bound?.create({ dataDir: bot.app.config.dataDir, staffCommands: [], store: bot.store, log: bot.log });
      const err = await channel?.start(bot.host).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(WebhookServerMissing);
      expect(String(err)).toContain('CONSOLE_PORT');
      expect(isFinalStartError(err)).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('is off without its variables and refuses a partial set by name', async () => {
    expect(makeBot().app.config.channels.find((c) => c.name === 'wacloud')?.enabled).toBe(false);
    const fake = await FakeGraph.start();
    try {
      const env = cloudEnv(fake);
      delete env.WHATSAPP_CLOUD_APP_SECRET;
      expect(() => makeBot({ env })).toThrow(/WHATSAPP_CLOUD_APP_SECRET/);
      expect(() => makeBot({ env: { ...cloudEnv(fake), WHATSAPP_CLOUD_TEMPLATES: '{"default":{"name":"Bad Name"}}' } })).toThrow(/WHATSAPP_CLOUD_TEMPLATES/);
      // Both WhatsApp channels at once (two numbers), each with its own staff and its own pace.
      const both = makeBot({ env: { ...cloudEnv(fake), WHATSAPP_ENABLED: 'true', STAFF_WHATSAPP_IDS: '6281111111111', STAFF_WHATSAPP_CLOUD_IDS: 'ID.9000001' } });
      expect(both.app.enabledChannels().map((c) => [c.name, c.label])).toEqual([
        ['whatsapp', 'WhatsApp'],
        ['wacloud', 'WhatsApp (Cloud API)'],
      ]);
      expect(both.isStaff('wacloud:ID.9000001')).toBe(true);
      expect(both.isStaff('whatsapp:6281111111111@c.us')).toBe(true);
      expect(both.isStaff('wacloud:6281111111111')).toBe(false);
    } finally {
      await fake.close();
    }
  });
});
