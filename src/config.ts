/**
 * The one place that reads the environment. `loadConfig()` parses `process.env` (plus `.env` when present)
 * with zod into one typed, frozen object at start. A wrong value stops the process with a `ConfigError` that
 * names every bad variable and what it expects. Nothing else in `src/` reads `process.env`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { ConfigError } from './errors.js';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** Comma-separated platform user ids (numbers on Telegram, `62812…@c.us` or `…@lid` on WhatsApp). */
const idList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x.length > 0),
  );

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** Telegram bot tokens look like `123456789:AA…` (digits, colon, 30+ url-safe characters). */
const TELEGRAM_TOKEN = /^\d{5,}:[A-Za-z0-9_-]{30,}$/;

/** Redis key prefixes: letters, digits and `:_.-`, as in `layanan:tabanan`. */
const REDIS_PREFIX = /^[A-Za-z0-9][A-Za-z0-9:_.-]{0,63}$/;

const EnvSchema = z.object({
  /** Unset: `info` for the service, `error` for the console chat and the CLI (their terminal is the chat). */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional(),
  /** Key of the log pseudonyms (HMAC-SHA256 of user ids); unset: generated into DATA_DIR on first start. */
  LOG_PSEUDONYM_KEY: optional.pipe(z.string().min(32).optional()),
  DATA_DIR: z.string().min(1).default('./data'),
  OFFICE_FILE: z.string().min(1).default('offices/tabanan.json'),
  REDIS_URL: optional.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  /** Prefix of every key of this office on Redis (store, locks, BullMQ); unset: `layanan:<office file name>`. */
  REDIS_PREFIX: optional.pipe(z.string().regex(REDIS_PREFIX).optional()),
  SESSION_TTL_MINUTES: int(30, 1, 60 * 24 * 30),
  NLU_THRESHOLD: z.coerce.number().min(0).max(1).optional(),

  TELEGRAM_BOT_TOKEN: optional.pipe(z.string().regex(TELEGRAM_TOKEN).optional()),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: optional.pipe(z.url({ protocol: /^https$/ }).optional()),
  TELEGRAM_WEBHOOK_SECRET: optional.pipe(z.string().regex(/^[A-Za-z0-9_-]{16,256}$/).optional()),
  TELEGRAM_WEBHOOK_PORT: int(8443, 1, 65535),
  TELEGRAM_LINK_PREVIEW: bool(false),
  STAFF_TELEGRAM_IDS: idList.pipe(z.array(z.string().regex(/^-?\d+$/))),
  STAFF_TELEGRAM_CHAT_ID: optional.pipe(z.string().regex(/^-?\d+$/).optional()),

  WHATSAPP_ENABLED: bool(false),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  WHATSAPP_SESSION_DIR: optional,
  WHATSAPP_TYPING_MS: int(1500, 0, 10000),
  STAFF_WHATSAPP_IDS: idList.pipe(z.array(z.string().regex(/^\d+@(c\.us|lid)$|^\d+$/))),

  COMPLAINT_RETENTION_DAYS: int(730, 1, 3650),
  COMPLAINT_VERIFY_WORKDAYS: int(3, 1, 60),
  COMPLAINT_FOLLOWUP_WORKDAYS: int(5, 1, 60),

  BROADCAST_TELEGRAM_RATE: int(25, 1, 30),
  /** Progress of a running broadcast is sent to its author at most this often. */
  BROADCAST_PROGRESS_SECONDS: int(30, 1, 3600),
  WHATSAPP_DAILY_CAP: int(200, 1, 10000),
  WHATSAPP_MIN_GAP_MS: int(4000, 0, 600000),
  WHATSAPP_MAX_GAP_MS: int(12000, 0, 600000),
});

/** What each variable expects, in words, for error messages (never echo the value: it may be a secret). */
const EXPECTED: Record<string, string> = {
  LOG_PSEUDONYM_KEY: 'a random secret of at least 32 characters (e.g. from `openssl rand -base64 32`), or unset to keep a generated one in DATA_DIR',
  REDIS_URL: 'a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379',
  REDIS_PREFIX: 'up to 64 letters, digits and : _ . - starting with a letter or digit, e.g. layanan:tabanan (one per office on a shared Redis)',
  TELEGRAM_BOT_TOKEN: 'a token from @BotFather like 123456789:AAE… (digits, a colon, 30+ letters)',
  TELEGRAM_API_ROOT: 'an http(s) URL of the Bot API server, e.g. https://api.telegram.org',
  TELEGRAM_WEBHOOK_URL: 'a public https:// URL where Telegram can reach the webhook',
  TELEGRAM_WEBHOOK_SECRET: '16–256 characters of A-Z a-z 0-9 _ -',
  STAFF_TELEGRAM_IDS: 'comma-separated numeric Telegram user ids, e.g. 12345678,87654321',
  STAFF_TELEGRAM_CHAT_ID: 'a numeric Telegram chat id (groups are negative), e.g. -1001234567890',
  STAFF_WHATSAPP_IDS: 'comma-separated WhatsApp ids, e.g. 6281234567890@c.us or 1234567890@lid',
  WHATSAPP_ENABLED: 'true or false',
  BROADCAST_TELEGRAM_RATE: 'messages per second, 1–30 (Telegram allows about 30 overall)',
  BROADCAST_PROGRESS_SECONDS: 'seconds between progress messages of a broadcast, 1–3600',
  WHATSAPP_TYPING_MS: 'the longest "typing…" pause before a WhatsApp reply in ms, 0–10000 (0 = none)',
  TELEGRAM_LINK_PREVIEW: 'true or false',
};

/** Whether any chat platform is configured (else `npm start` runs the console chat). */
export function hasChannels(c: Pick<Config, 'TELEGRAM_BOT_TOKEN' | 'WHATSAPP_ENABLED'>): boolean {
  return Boolean(c.TELEGRAM_BOT_TOKEN) || c.WHATSAPP_ENABLED;
}

/** The typed configuration of one process. */
export type Config = Readonly<z.infer<typeof EnvSchema>> & {
  /** Absolute path of the data folder (SQLite file, model cache, WhatsApp session). */
  readonly dataDir: string;
  /** Absolute path of the office data file. */
  readonly officeFile: string;
  /** Key prefix of this office on Redis: `REDIS_PREFIX`, else `layanan:<office file name>` (`layanan:tabanan`). */
  readonly redisPrefix: string;
};

/** The default Redis prefix of an office file: `offices/tabanan.json` → `layanan:tabanan`. */
export function defaultRedisPrefix(officeFile: string): string {
  const name = basename(officeFile, extname(officeFile)).toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[^a-z0-9]+/, '');
  return `layanan:${name || 'office'}`.slice(0, 64);
}

/**
 * Parse an environment into a `Config`. Pure: tests pass their own `env`.
 * @throws ConfigError naming every bad variable.
 */
export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  // `VAR=` (as in a copied .env.example) means "use the default", never "zero" or "empty".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const seen = new Set<string>();
    const issues = [];
    for (const issue of result.error.issues) {
      const variable = String(issue.path[0] ?? '?');
      if (seen.has(variable)) continue;
      seen.add(variable);
      issues.push({ variable, expected: EXPECTED[variable] ?? issue.message });
    }
    throw new ConfigError(issues);
  }
  const c = result.data;
  if (c.WHATSAPP_MIN_GAP_MS > c.WHATSAPP_MAX_GAP_MS) {
    throw new ConfigError([{ variable: 'WHATSAPP_MIN_GAP_MS', expected: 'not more than WHATSAPP_MAX_GAP_MS' }]);
  }
  if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError([
      { variable: 'TELEGRAM_WEBHOOK_SECRET', expected: 'required when TELEGRAM_WEBHOOK_URL is set' },
    ]);
  }
  const officeFile = resolve(cwd, c.OFFICE_FILE);
  return Object.freeze({ ...c, dataDir: resolve(cwd, c.DATA_DIR), officeFile, redisPrefix: c.REDIS_PREFIX ?? defaultRedisPrefix(officeFile) });
}

/** Read `.env` (if any) under the real environment: variables already set win, as with dotenv. */
export function readEnv(cwd = process.cwd()): Record<string, string | undefined> {
  const file = resolve(cwd, '.env');
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

/** The process's configuration, from the environment and `.env`. */
export function loadConfig(): Config {
  return parseConfig(readEnv());
}
