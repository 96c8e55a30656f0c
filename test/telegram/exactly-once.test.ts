/**
 * Inbound exactly once, in polling and in webhook mode, across restarts: an update counts as handled in the
 * same store write as its turn (the person's session records the delivery id). A redelivery of an update
 * whose turn was stored is ignored; one whose turn failed (nothing stored) is handled again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { TelegramChannel } from '../../src/channels/telegram/adapter.js';
import { SECRET_HEADER } from '../../src/channels/telegram/webhook.js';
import { createSqliteStore, type Store } from '../../src/store/store.js';
import { makeBot } from '../support/app.js';
import type { FakeTelegram } from '../support/fake-telegram.js';
import { faultyStore } from '../support/faulty-store.js';
import * as tg from '../support/telegram-updates.js';
import { startChannel, startFake, stopAll } from './harness.js';

afterEach(stopAll);

const dirs: string[] = [];
const stores: Store[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** An SQLite store that outlives the "process" (bot and channel) using it. */
function durableStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'layanan-once-'));
  dirs.push(dir);
  const store = createSqliteStore(dir);
  stores.push(store);
  return store;
}

const SECRET = 'Tabanan_webhook_secret_2020';
const webhook = { url: 'https://layanan.tabanankab.go.id/telegram/hook', secret: SECRET, port: 0, host: '127.0.0.1' };
const wayan: tg.TgUser = { id: 310_077, first_name: 'Wayan' };
const STORE_DOWN = /sistem kami sedang gangguan/;

type Mode = 'polling' | 'webhook';

/** Deliver `update` the way `mode` does: queued for getUpdates, or POSTed to the channel's webhook. */
async function deliver(mode: Mode, fake: FakeTelegram, channel: TelegramChannel, update: Record<string, unknown>): Promise<void> {
  if (mode === 'polling') {
    fake.pushUpdate(update);
    return;
  }
  const res = await fetch(`http://127.0.0.1:${channel.webhookPort ?? 0}/telegram/hook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET },
    body: JSON.stringify(update),
  });
  expect(res.status).toBe(200);
}

/** A new process: a new bot (empty memory) and a new channel over the same store. */
async function boot(mode: Mode, fake: FakeTelegram, store: Store): Promise<TelegramChannel> {
  const bot = makeBot({ store });
  return startChannel(fake, bot, mode === 'webhook' ? { webhook } : {});
}

describe.each(['polling', 'webhook'] as const)('Telegram inbound exactly once (%s)', (mode) => {
  it('a redelivery after a restart of an update whose turn was stored is not answered again', async () => {
    const fake = await startFake({ maxPollMs: 200 });
    const store = durableStore();
    const first = await boot(mode, fake, store);
    const update = { update_id: 770_001, ...tg.privateText(wayan, '/kontak') };
    await deliver(mode, fake, first, update);
    await fake.waitForSent(wayan.id, 1);
    await first.stop();

    // Telegram sends it again (the offset was not confirmed, or the webhook answer was lost in the crash).
    const second = await boot(mode, fake, store);
    await deliver(mode, fake, second, update);
    await deliver(mode, fake, second, { update_id: 770_002, ...tg.privateText(wayan, '/langganan') });
    const sent = await fake.waitForSent(wayan.id, 2);
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a wrong third message
    expect(fake.sentTo(wayan.id).map((m) => m.text)).toEqual([
      expect.stringContaining('Kabupaten Tabanan'),
      expect.stringMatching(/berlangganan/),
    ]);
    expect(sent).toHaveLength(2);
  });

  it('an update whose turn failed (store down) is handled when it comes again', async () => {
    const fake = await startFake({ maxPollMs: 200 });
    const inner = durableStore();
    const plan = { down: true };
    const first = await boot(mode, fake, faultyStore(inner, plan));
    const update = { update_id: 770_101, ...tg.privateText(wayan, '/kontak') };
    await deliver(mode, fake, first, update);
    const [failed] = await fake.waitForSent(wayan.id, 1);
    expect(failed?.text).toMatch(STORE_DOWN);
    await first.stop();

    plan.down = false;
    const second = await boot(mode, fake, faultyStore(inner, plan));
    await deliver(mode, fake, second, update);
    const sent = await fake.waitForSent(wayan.id, 2);
    expect(sent[1]?.text).toContain('Kabupaten Tabanan');
    // Handled now: a further redelivery is ignored.
    await deliver(mode, fake, second, update);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.sentTo(wayan.id)).toHaveLength(2);
  });
});
