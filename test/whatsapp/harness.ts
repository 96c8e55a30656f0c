/** A WhatsApp channel over the real bot and a fake client, with the staff alerts and engine inputs recorded. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelHost } from '../../src/kernel/channel.js';
import { WhatsAppChannel, type WhatsAppChannelOptions } from '../../src/channels/whatsapp/adapter.js';
import { ROOT } from '../../src/app.js';
import { loadLocales, Translator } from '../../src/kernel/locale.js';
import type { InboundMessage } from '../../src/kernel/message.js';
import { silentLogger } from '../../src/lib/log.js';
import type { TestBot as Bot } from '../support/app.js';
import { createMemoryStore, type Store } from '../../src/store/store.js';
import { makeBot } from '../support/app.js';
import { FakeWhatsApp, until } from '../support/fake-whatsapp.js';

/** Everything a WhatsApp test looks at. */
export interface Harness {
  wa: FakeWhatsApp;
  bot: Bot;
  store: Store;
  channel: WhatsAppChannel;
  /** Texts given to `host.alertStaff`. */
  alerts: string[];
  /** What reached the engine. */
  inbound: InboundMessage[];
  dir: string;
  /** Start the channel and wait for the first client to be ready (unless it is not meant to be). */
  start(waitReady?: boolean): Promise<void>;
}

/** Build a harness; `env` goes to the bot's config (e.g. STAFF_WHATSAPP_IDS). */
export function harness(env: Record<string, string> = {}, opts: Partial<WhatsAppChannelOptions> = {}): Harness {
  const store = createMemoryStore();
  const bot = makeBot({ store, env, ...(opts.log ? { log: opts.log } : {}) });
  const wa = new FakeWhatsApp();
  const dir = mkdtempSync(join(tmpdir(), 'wa-test-'));
  const alerts: string[] = [];
  const staffTranslator = new Translator(loadLocales(join(ROOT, 'locales')), 'id');
  const inbound: InboundMessage[] = [];
  const host: ChannelHost = {
    handle: (m) => {
      inbound.push(m);
      return bot.handle(m);
    },
    settled: () => bot.app.delivery.idle(),
    isStaff: (k) => bot.isStaff(k),
    markUnreachable: (k, r) => bot.markUnreachable(k, r),
    alertStaff: async (key, vars) => {
      alerts.push(staffTranslator.text(`alert.${key}`, vars));
    },
    log: silentLogger(),
  };
  const channel = new WhatsAppChannel({
    createClient: wa.factory,
    store,
    dataPath: join(dir, 'whatsapp'),
    profileDir: join(dir, 'whatsapp', 'session'),
    qrImagePath: join(dir, 'whatsapp-qr.png'),
    log: silentLogger(),
    backoff: { initialMs: 5, maxMs: 40, factor: 2 },
    typingMaxMs: 0,
    random: () => 0,
    // As module.ts: a bare number in the allow-list is the phone-number form.
    staffIds: (env.STAFF_WHATSAPP_IDS ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '')
      .map((id) => (id.includes('@') ? id : `${id}@c.us`)),
    ...opts,
  });
  bot.attach(channel);
  return {
    wa,
    bot,
    store,
    channel,
    alerts,
    inbound,
    dir,
    async start(waitReady = true) {
      await channel.start(host);
      if (waitReady) await until(() => channel.isReady, 3000, 'WhatsApp ready');
    },
  };
}
