/**
 * The WhatsApp Cloud API channel as `npm start` builds it: the real app (`makeBot`) with the four variables
 * and the API root pointing at the fake Graph, the service's HTTP server (`runtime/http.ts`) on a free port,
 * the channel created by the module's bound `create({ http, … })`, attached and started with the bot's host.
 */
import { WhatsAppCloudChannel } from '../../src/channels/whatsapp-cloud/adapter.js';
import { createHttpServer, type HttpServer } from '../../src/runtime/http.js';
import type { Store } from '../../src/store/store.js';
import { makeBot, type TestBot } from '../support/app.js';
import { FakeGraph, type FakeGraphOptions } from '../support/fake-graph.js';

export const APP_SECRET = 'tabanan-app-secret-0123456789abcdef';
export const VERIFY_TOKEN = 'verifikasi-webhook-tabanan';
export const WEBHOOK_PATH = '/webhooks/whatsapp-cloud';

const running: { stop(): Promise<void> }[] = [];

/** Stop everything started since the last call (channels, then servers, then fakes). */
export async function stopAll(): Promise<void> {
  for (const r of running.splice(0).reverse()) await r.stop();
}

/** One running setup. */
export interface Cloud {
  bot: TestBot;
  fake: FakeGraph;
  http: HttpServer;
  channel: WhatsAppCloudChannel;
  /** The webhook URL on the service's HTTP server. */
  url: string;
}

/** Options of {@link startCloud}. */
export interface CloudOptions {
  env?: Record<string, string>;
  store?: Store;
  fake?: FakeGraphOptions;
  /** Reuse a fake (a restart against the same platform). */
  existing?: FakeGraph;
  now?: () => Date;
}

/** The env that turns the channel on against `fake`. */
export function cloudEnv(fake: FakeGraph, extra: Record<string, string> = {}): Record<string, string> {
  return {
    WHATSAPP_CLOUD_TOKEN: fake.token,
    WHATSAPP_CLOUD_PHONE_NUMBER_ID: fake.phoneNumberId,
    WHATSAPP_CLOUD_APP_SECRET: APP_SECRET,
    WHATSAPP_CLOUD_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_CLOUD_API_ROOT: fake.apiRoot,
    ...extra,
  };
}

/** Start the fake, the app, the HTTP server and the channel. */
export async function startCloud(opts: CloudOptions = {}): Promise<Cloud> {
  const fake = opts.existing ?? (await FakeGraph.start(opts.fake));
  if (!opts.existing) running.push({ stop: () => fake.close() });
  const bot = makeBot({ env: cloudEnv(fake, opts.env), ...(opts.store ? { store: opts.store } : {}), ...(opts.now ? { now: opts.now } : {}) });
  const http = createHttpServer({ host: '127.0.0.1', port: 0 }, bot.log);
  const base = await http.listen();
  running.push({ stop: () => http.close() });
  const bound = bot.app.config.channels.find((c) => c.name === 'wacloud');
  if (!bound?.enabled) throw new Error('wacloud not enabled by the test env');
  const channel = await bound.create({ dataDir: bot.app.config.dataDir, staffCommands: [], store: bot.store, log: bot.log, http });
  if (!(channel instanceof WhatsAppCloudChannel)) throw new Error('the wacloud module built another kind of channel');
  bot.attach(channel);
  await channel.start(bot.host);
  running.push({ stop: () => channel.stop() });
  const url = `${base ?? ''}${WEBHOOK_PATH}`;
  fake.connect(url, APP_SECRET);
  return { bot, fake, http, channel, url };
}

/** Texts of the accepted messages to `to`. */
export function textsTo(fake: FakeGraph, to: string): string[] {
  return fake.sentTo(to).map((c) => FakeGraph.textOf(c));
}
