/**
 * Builds the delivery worker of a running service: the in-process queue by default, BullMQ when REDIS_URL is
 * set (so several instances share one rate limit and never send twice). Started after the channels, stopped
 * on SIGTERM (`src/main.ts`).
 */
import type { Config } from '../config.js';
import { Translator } from '../engine/locale.js';
import type { Bot } from '../runtime/bot.js';
import { LocalBroadcastQueue } from './queue-local.js';
import { BroadcastRepository } from './repository.js';
import { finalReply, progressReply } from './report.js';
import { channelOf, type Broadcast } from './schema.js';
import type { BroadcastWorker, DeliverySettings, WorkerDeps } from './worker.js';

/** The settings a configuration gives. */
export function deliverySettings(
  config: Pick<Config, 'BROADCAST_TELEGRAM_RATE' | 'BROADCAST_PROGRESS_SECONDS' | 'WHATSAPP_MIN_GAP_MS' | 'WHATSAPP_MAX_GAP_MS' | 'WHATSAPP_DAILY_CAP'>,
  timeZone: string,
): DeliverySettings {
  return {
    telegramRate: config.BROADCAST_TELEGRAM_RATE,
    whatsappMinGapMs: config.WHATSAPP_MIN_GAP_MS,
    whatsappMaxGapMs: config.WHATSAPP_MAX_GAP_MS,
    whatsappDailyCap: config.WHATSAPP_DAILY_CAP,
    timeZone,
    progressEveryMs: config.BROADCAST_PROGRESS_SECONDS * 1000,
    pollMs: 1000,
  };
}

/** Worker dependencies taken from the running bot; `report` tells the author through `bot.sendTo`. */
export function workerDeps(bot: Bot, settings: DeliverySettings, overrides: Partial<WorkerDeps> = {}): WorkerDeps {
  const t = new Translator(bot.locales, 'id');
  return {
    repo: new BroadcastRepository(bot.store),
    subscriptions: bot.subscriptions,
    // The lane paces and retries itself; a 429 must reach it at once to pause the whole lane.
    send: (userKey, replies) => bot.sendTo(userKey, replies, { retry: false }),
    markUnreachable: (userKey, reason) => bot.markUnreachable(userKey, reason),
    canSend: (channel) => bot.hasChannel(channel),
    report: async (b: Broadcast, final: boolean) => {
      const reply = final ? finalReply(t, b) : progressReply(t, b);
      if (!channelOf(b.createdBy)) {
        bot.log.info({ broadcast: b.id, final }, 'broadcast progress (author has no chat)');
        return;
      }
      try {
        await bot.sendTo(b.createdBy, [reply]);
      } catch (err) {
        bot.log.warn({ err, broadcast: b.id }, 'broadcast report not delivered');
      }
    },
    settings,
    log: bot.log,
    ...overrides,
  };
}

/** The worker for this configuration (BullMQ on REDIS_URL, else in-process). */
export async function createBroadcastWorker(config: Config, bot: Bot): Promise<BroadcastWorker> {
  const deps = workerDeps(bot, deliverySettings(config, bot.office.timezone));
  if (config.REDIS_URL) {
    const { BullBroadcastQueue } = await import('./queue-bullmq.js');
    // `<REDIS_PREFIX>-bq`: with REDIS_PREFIX=layanan the queue keeps its keys from before the prefix was set.
    return new BullBroadcastQueue(deps, { redisUrl: config.REDIS_URL, prefix: `${config.redisPrefix}-bq` });
  }
  return new LocalBroadcastQueue(deps);
}
