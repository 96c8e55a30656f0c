/**
 * The one place that reads the environment. `loadConfig()` parses `process.env` (plus `.env` when present)
 * with zod into one typed, frozen object at start. A wrong value stops the process with a `ConfigError` that
 * names every bad variable and what it expects. Nothing else in `src/` reads `process.env`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { CHANNEL_MODULES } from './channels/registry.js';
import type { BoundChannel } from './kernel/channel.js';
import { int, optional } from './lib/env.js';
import { ConfigError } from './lib/errors.js';

/** Redis key prefixes: letters, digits and `:_.-`, as in `layanan:tabanan`. */
const REDIS_PREFIX = /^[A-Za-z0-9][A-Za-z0-9:_.-]{0,63}$/;

/** The variables of the core (each channel module brings its own). */
const BaseEnv = {
  /** Unset: `info` for the service, `error` for the console chat and the CLI (their terminal is the chat). */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional(),
  /** Key of the log pseudonyms (HMAC-SHA256 of user ids); unset: generated into DATA_DIR on first start. */
  LOG_PSEUDONYM_KEY: optional.pipe(z.string().min(32).optional()),
  DATA_DIR: z.string().min(1).default('./data'),
  OFFICE_FILE: z.string().min(1).default('offices/tabanan.json'),
  REDIS_URL: optional.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  /** Prefix of every key of this office on Redis (store, locks, BullMQ); unset: `layanan:<office file name>`. */
  REDIS_PREFIX: optional.pipe(z.string().regex(REDIS_PREFIX).optional()),
  /** Longest wait for one Redis call (connect included): a hung Redis is answered like a refused one. */
  REDIS_COMMAND_TIMEOUT_MS: int(2000, 100, 60_000),
  SESSION_TTL_MINUTES: int(30, 1, 60 * 24 * 30),
  NLU_THRESHOLD: z.coerce.number().min(0).max(1).optional(),

  COMPLAINT_RETENTION_DAYS: int(730, 1, 3650),
  COMPLAINT_VERIFY_WORKDAYS: int(3, 1, 60),
  COMPLAINT_FOLLOWUP_WORKDAYS: int(5, 1, 60),

  /** A conversation with a person goes back to the bot after this many quiet minutes. */
  CONSULTATION_IDLE_MINUTES: int(120, 1, 60 * 24 * 7),
  /** Unanswered consultations are raised to staff (once) after this many working hours. */
  CONSULTATION_ANSWER_WORKHOURS: int(4, 1, 200),
  /** Days a closed consultation is kept before `consultations purge` removes it. */
  CONSULTATION_RETENTION_DAYS: int(730, 1, 3650),

  /** Progress of a running broadcast is sent to its author at most this often. */
  BROADCAST_PROGRESS_SECONDS: int(30, 1, 3600),

  /** The service's HTTP server (staff console, /healthz, webhooks): interface and port; port 0 turns it off. */
  CONSOLE_HOST: z.string().min(1).default('127.0.0.1'),
  CONSOLE_PORT: int(8080, 0, 65535),
  /** The console's public address behind a TLS proxy (`https://layanan.example.go.id`): its own Origin, Secure cookies. */
  CONSOLE_PUBLIC_URL: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** A console session idle this long is ended. */
  CONSOLE_IDLE_MINUTES: int(30, 1, 24 * 60),
};

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** Every channel module's variables, as one shape. */
type ChannelShape = UnionToIntersection<(typeof CHANNEL_MODULES)[number]['env']>;
// The fold cannot be typed by reduce itself; ChannelShape above is what it builds, module by module.
const CHANNEL_ENV = CHANNEL_MODULES.reduce<z.ZodRawShape>((shape, m) => ({ ...shape, ...m.env }), {}) as ChannelShape;

const EnvSchema = z.object({ ...BaseEnv, ...CHANNEL_ENV });

/** What each variable expects, in words, for error messages (never echo the value: it may be a secret). */
const EXPECTED: Readonly<Record<string, string>> = Object.assign(
  {
    LOG_PSEUDONYM_KEY: 'a random secret of at least 32 characters (e.g. from `openssl rand -base64 32`), or unset to keep a generated one in DATA_DIR',
    REDIS_URL: 'a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379',
    REDIS_PREFIX: 'up to 64 letters, digits and : _ . - starting with a letter or digit, e.g. layanan:tabanan (one per office on a shared Redis)',
    REDIS_COMMAND_TIMEOUT_MS: 'milliseconds, 100–60000: the longest wait for one Redis call before it counts as failed',
    BROADCAST_PROGRESS_SECONDS: 'seconds between progress messages of a broadcast, 1–3600',
    CONSOLE_PUBLIC_URL: 'the https:// address staff open the console at (behind a TLS proxy), e.g. https://layanan.tabanankab.go.id',
    CONSOLE_IDLE_MINUTES: 'minutes of inactivity after which a console session ends, 1–1440',
    CONSOLE_PORT: 'a TCP port 1–65535 for the staff console and webhooks, or 0 to turn it off',
  },
  ...CHANNEL_MODULES.map((m) => m.envHelp),
);

/** Whether any chat platform is configured (else `npm start` runs the console chat). */
export function hasChannels(c: Pick<Config, 'channels'>): boolean {
  return c.channels.some((ch) => ch.enabled);
}

/** The typed configuration of one process. */
export type Config = Readonly<z.infer<typeof EnvSchema>> & {
  /** Absolute path of the data folder (SQLite file, model cache, WhatsApp session). */
  readonly dataDir: string;
  /** Absolute path of the office data file. */
  readonly officeFile: string;
  /** Every channel module, bound to its settings (enabled or not). */
  readonly channels: readonly BoundChannel[];
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
  const channels: BoundChannel[] = [];
  const problems = [];
  for (const m of CHANNEL_MODULES) {
    const bound = m.bind(present);
    if (bound.ok) channels.push(bound.channel);
    else problems.push(...bound.issues);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const officeFile = resolve(cwd, c.OFFICE_FILE);
  return Object.freeze({
    ...c,
    dataDir: resolve(cwd, c.DATA_DIR),
    officeFile,
    redisPrefix: c.REDIS_PREFIX ?? defaultRedisPrefix(officeFile),
    channels,
  });
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
