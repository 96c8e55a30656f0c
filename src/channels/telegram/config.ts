/** The Telegram module's environment variables (no telegraf import here: configuration loads it cheaply). */
import { z } from 'zod';
import { bool, idList, int, optional } from '../../lib/env.js';

/** Telegram bot tokens look like `123456789:AA…` (digits, colon, 30+ url-safe characters). */
const TELEGRAM_TOKEN = /^\d{5,}:[A-Za-z0-9_-]{30,}$/;

/** The variables of this module. */
export const telegramEnv = {
  TELEGRAM_BOT_TOKEN: optional.pipe(z.string().regex(TELEGRAM_TOKEN).optional()),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: optional.pipe(z.url({ protocol: /^https$/ }).optional()),
  TELEGRAM_WEBHOOK_SECRET: optional.pipe(z.string().regex(/^[A-Za-z0-9_-]{16,256}$/).optional()),
  TELEGRAM_WEBHOOK_PORT: int(8443, 1, 65535),
  /** The interface the webhook listens on; behind a TLS proxy on the same machine, 127.0.0.1. */
  TELEGRAM_WEBHOOK_HOST: z.string().min(1).default('0.0.0.0'),
  TELEGRAM_LINK_PREVIEW: bool(false),
  STAFF_TELEGRAM_IDS: idList.pipe(z.array(z.string().regex(/^-?\d+$/))),
  STAFF_TELEGRAM_CHAT_ID: optional.pipe(z.string().regex(/^-?\d+$/).optional()),
  BROADCAST_TELEGRAM_RATE: int(25, 1, 30),
};

/** The parsed configuration of this module. */
export type TelegramConfig = z.output<z.ZodObject<typeof telegramEnv>>;

/** What each variable expects, in words, for configuration errors. */
export const telegramEnvHelp: Readonly<Record<string, string>> = {
  TELEGRAM_BOT_TOKEN: 'a token from @BotFather like 123456789:AAE… (digits, a colon, 30+ letters)',
  TELEGRAM_API_ROOT: 'an http(s) URL of the Bot API server, e.g. https://api.telegram.org',
  TELEGRAM_WEBHOOK_URL: 'a public https:// URL where Telegram can reach the webhook',
  TELEGRAM_WEBHOOK_SECRET: '16–256 characters of A-Z a-z 0-9 _ -',
  TELEGRAM_WEBHOOK_HOST: 'the interface the webhook listens on, e.g. 127.0.0.1 behind a TLS proxy',
  STAFF_TELEGRAM_IDS: 'comma-separated numeric Telegram user ids, e.g. 12345678,87654321',
  STAFF_TELEGRAM_CHAT_ID: 'a numeric Telegram chat id (groups are negative), e.g. -1001234567890',
  BROADCAST_TELEGRAM_RATE: 'messages per second overall, replies and announcements together, 1–30 (Telegram allows about 30)',
  TELEGRAM_LINK_PREVIEW: 'true or false',
};
