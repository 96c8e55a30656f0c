/**
 * What every scenario shares: the run's temp folder, data folders (with the trained model copied in so a start
 * does not train), the bot's environment, the fake Bot API with Telegram's limits, free loopback ports, and
 * a row of the report.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_TOKEN, FakeTelegram, type RateLimits, type WebhookDelivery } from '../../test/support/fake-telegram.js';
import { baseEnv } from './bot.js';
import type { Scope } from './cleanup.js';
import type { Oracle } from './oracle.js';

/** Telegram's limits as the fake enforces them: ~30 messages/s overall, ~1/s per chat (a burst of 3 allowed). */
export const TELEGRAM_LIMITS: RateLimits = { globalPerSecond: 30, globalBurst: 30, perChatPerSecond: 1, perChatBurst: 3 };

/** Staff: one allow-listed person and the staff group where new complaints are announced. */
export const STAFF_ID = 4_000_001;
export const STAFF_CHAT = -1_004_000_000_001;

/** The webhook URL the bot registers (never contacted: the fake posts to the bot on 127.0.0.1 instead). */
export const WEBHOOK_URL = 'https://soak.layanan.invalid/telegram/hook';
export const WEBHOOK_SECRET = 'soak_webhook_secret_0123456789';

export interface Context {
  runId: string;
  quick: boolean;
  seed: number;
  /** Keep the temp folder, and write each row's transcripts into it. */
  keep: boolean;
  /** The run's temp folder (logs, data folders). */
  dir: string;
  logDir: string;
  redis: { url: string; ok: boolean };
  oracle: Oracle;
  /** The trained model the oracle used, copied into each data folder. */
  modelFile: string;
}

/** A data folder for one bot (or one shared by restarts), with the model cache in it. */
export function dataDir(ctx: Context, name: string): string {
  const dir = join(ctx.dir, 'data', name);
  mkdirSync(dir, { recursive: true });
  if (existsSync(ctx.modelFile)) copyFileSync(ctx.modelFile, join(dir, 'nlu-model.json'));
  return dir;
}

/** Where the test classifier keeps its model (test/support/app.ts: the OS temp dir). */
export const MODEL_CACHE = join(tmpdir(), 'layanan-bot-test', 'nlu-model.json');

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Staff settings, the same in the oracle and the bots. */
export const STAFF_ENV = { STAFF_TELEGRAM_IDS: String(STAFF_ID), STAFF_TELEGRAM_CHAT_ID: String(STAFF_CHAT) };

export type Mode = 'polling' | 'webhook';

/** The environment of a soak bot. */
export function botEnv(opts: { data: string; fake: FakeTelegram; mode: Mode; port?: number; redis?: { url: string; prefix: string } }): Record<string, string> {
  return baseEnv({
    ...STAFF_ENV,
    DATA_DIR: opts.data,
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: opts.fake.apiRoot,
    // Polling needs no HTTP server; a webhook is served where production serves it, on the one HTTP server.
    CONSOLE_PORT: opts.mode === 'webhook' ? String(opts.port ?? 0) : '0',
    ...(opts.mode === 'webhook' ? { TELEGRAM_WEBHOOK_URL: WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET } : {}),
    ...(opts.redis ? { REDIS_URL: opts.redis.url, REDIS_PREFIX: opts.redis.prefix } : {}),
  });
}

/** Webhook delivery to bots on these ports (Telegram's resend waits shortened from up to 60 s to up to 2 s). */
export function deliveryTo(ports: readonly number[], extra: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return { targets: ports.map((p) => `http://127.0.0.1:${p}`), retryMinMs: 250, retryMaxMs: 2000, timeoutMs: 10_000, ...extra };
}

/** A fake Bot API enforcing Telegram's limits, closed with the scope. */
export async function startFake(scope: Scope, webhook?: WebhookDelivery): Promise<FakeTelegram> {
  const fake = await FakeTelegram.start({ maxPollMs: 1000, limits: TELEGRAM_LIMITS, ...(webhook ? { webhookDelivery: webhook } : {}) });
  scope.add('close the fake Bot API', () => fake.close());
  return fake;
}

/** One figure of a row: its value, the aim, whether the aim is met (undefined: informative only). */
export interface Figure {
  name: string;
  value: string;
  aim?: string;
  ok?: boolean;
}

/** One row of the report. */
export interface Row {
  id: string;
  scenario: string;
  store: 'SQLite' | 'Redis';
  mode: string;
  figures: Figure[];
  /** Why the row did not run. */
  skipped?: string;
  /** What broke the scenario itself. */
  error?: string;
  /** Findings: the first few mismatches, log lines. */
  notes: string[];
  seconds: number;
}

export function fig(name: string, value: number | string, aim?: string, ok?: boolean): Figure {
  return { name, value: String(value), ...(aim !== undefined ? { aim } : {}), ...(ok !== undefined ? { ok } : {}) };
}

/** A figure whose aim is 0. */
export function zero(name: string, value: number): Figure {
  return fig(name, value, '0', value === 0);
}

/** Staff notices of new complaints in the staff chat: ticket → how many times announced. */
export function staffNotices(fake: FakeTelegram): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of fake.sentTo(STAFF_CHAT)) {
    const ticket = /Pengaduan baru (ADU-[0-9A-Z]{6})/.exec(m.text)?.[1];
    if (ticket) counts.set(ticket, (counts.get(ticket) ?? 0) + 1);
  }
  return counts;
}

/** Ticket numbers citizens were shown ("Nomor tiket: ADU-…") in these chats. */
export function ticketsShown(fake: FakeTelegram, chatIds: readonly number[]): Set<string> {
  const shown = new Set<string>();
  for (const id of chatIds) for (const m of fake.sentTo(id)) for (const t of m.text.matchAll(/Nomor tiket: (ADU-[0-9A-Z]{6})/g)) if (t[1]) shown.add(t[1]);
  return shown;
}
