/**
 * The Telegram channel module: its environment variables, capabilities, delivery profile and factory.
 * telegraf is loaded only when the channel is enabled.
 */
import { defineChannelModule, type DeliveryProfile } from '../../kernel/channel.js';
import { userKey } from '../../kernel/user-key.js';
import { telegramEnv, telegramEnvHelp } from './config.js';
import { TELEGRAM_TEXT_LIMIT } from './split.js';

/**
 * Telegram's limits as one budget for replies and announcements: evenly spaced at `rate`/s overall (under
 * Telegram's ~30/s), 1 s apart per chat, 3 s apart per group (20 a minute). Replies take slots first.
 */
export function telegramDelivery(rate: number): DeliveryProfile {
  return { ratePerSecond: rate, concurrency: Math.max(4, Math.ceil(rate / 5)), perChatGapMs: 1000, groupGapMs: 3000 };
}

/** Telegram. */
export const telegramModule = defineChannelModule({
  name: 'telegram',
  label: 'Telegram',
  env: telegramEnv,
  envHelp: telegramEnvHelp,
  check: (c) =>
    c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET
      ? [{ variable: 'TELEGRAM_WEBHOOK_SECRET', expected: 'required when TELEGRAM_WEBHOOK_URL is set' }]
      : [],
  capabilities: { push: true, buttons: true, maxText: TELEGRAM_TEXT_LIMIT },
  enabled: (c) => Boolean(c.TELEGRAM_BOT_TOKEN),
  staffKeys: (c) => c.STAFF_TELEGRAM_IDS.map((id) => userKey('telegram', id)),
  staffChatKeys: (c) => (c.STAFF_TELEGRAM_CHAT_ID ? [userKey('telegram', c.STAFF_TELEGRAM_CHAT_ID)] : []),
  delivery: (c) => telegramDelivery(c.BROADCAST_TELEGRAM_RATE),
  async create(ctx) {
    const { TelegramChannel, telegramOptions } = await import('./adapter.js');
    return new TelegramChannel({ ...telegramOptions(ctx.config), staffCommands: ctx.staffCommands, store: ctx.store, ...(ctx.http ? { http: ctx.http } : {}) });
  },
});
