/**
 * The WhatsApp Business Cloud API channel module (Meta's official API: no browser, delivery statuses, real
 * buttons and lists). Its variables, capabilities, the delivery profile of a Cloud API number (80 messages/s,
 * about one per 6 s to the same person, the daily limit of business-initiated conversations) and its
 * factory. It runs beside the whatsapp-web.js module (another number) under its own user keys.
 */
import { defineChannelModule, type DeliveryProfile } from '../../kernel/channel.js';
import { userKey } from '../../kernel/user-key.js';
import { REQUIRED, whatsappCloudEnv, whatsappCloudEnvHelp, type WhatsAppCloudConfig } from './config.js';
import { CLOUD } from './errors.js';
import { CLOUD_TEXT_LIMIT } from './render.js';

/** Announcements on a Cloud API number: evenly spaced at `rate`/s, a gap per person, a daily cap. */
export function cloudDelivery(c: Pick<WhatsAppCloudConfig, 'WHATSAPP_CLOUD_RATE' | 'WHATSAPP_CLOUD_CHAT_GAP_MS' | 'WHATSAPP_CLOUD_DAILY_CAP'>): DeliveryProfile {
  return {
    ratePerSecond: c.WHATSAPP_CLOUD_RATE,
    // Graph answers in ~100–300 ms: enough sends in flight to keep the rate.
    concurrency: Math.max(4, Math.ceil(c.WHATSAPP_CLOUD_RATE / 4)),
    perChatGapMs: c.WHATSAPP_CLOUD_CHAT_GAP_MS,
    // The pair rate limit allows bursts: a several-message answer to someone who wrote goes out at once.
    replyGapMs: 0,
    dailyCap: c.WHATSAPP_CLOUD_DAILY_CAP,
  };
}

/** WhatsApp through Meta's Cloud API. */
export const whatsappCloudModule = defineChannelModule({
  name: CLOUD,
  label: 'WhatsApp (Cloud API)',
  env: whatsappCloudEnv,
  envHelp: whatsappCloudEnvHelp,
  // All four or none: a partial set is a mistake, not "off".
  check: (c) => {
    const set = REQUIRED.filter((v) => c[v] !== undefined);
    if (set.length === 0 || set.length === REQUIRED.length) return [];
    return REQUIRED.filter((v) => c[v] === undefined).map((variable) => ({ variable, expected: `required with ${set.join(', ')}: ${whatsappCloudEnvHelp[variable] ?? ''}` }));
  },
  capabilities: { push: true, buttons: true, maxText: CLOUD_TEXT_LIMIT },
  enabled: (c) => REQUIRED.every((v) => c[v] !== undefined),
  staffKeys: (c) => c.STAFF_WHATSAPP_CLOUD_IDS.map((id) => userKey(CLOUD, id)),
  delivery: cloudDelivery,
  async create(ctx) {
    const { WhatsAppCloudChannel } = await import('./adapter.js');
    const c = ctx.config;
    if (!c.WHATSAPP_CLOUD_TOKEN || !c.WHATSAPP_CLOUD_PHONE_NUMBER_ID || !c.WHATSAPP_CLOUD_APP_SECRET || !c.WHATSAPP_CLOUD_VERIFY_TOKEN) {
      throw new Error('the WhatsApp Cloud API channel is not configured (WHATSAPP_CLOUD_* variables)');
    }
    return new WhatsAppCloudChannel({
      token: c.WHATSAPP_CLOUD_TOKEN,
      phoneNumberId: c.WHATSAPP_CLOUD_PHONE_NUMBER_ID,
      appSecret: c.WHATSAPP_CLOUD_APP_SECRET,
      verifyToken: c.WHATSAPP_CLOUD_VERIFY_TOKEN,
      apiRoot: c.WHATSAPP_CLOUD_API_ROOT,
      webhookPath: c.WHATSAPP_CLOUD_WEBHOOK_PATH,
      templates: c.WHATSAPP_CLOUD_TEMPLATES,
      store: ctx.store,
      log: ctx.log,
      ...(ctx.http ? { http: ctx.http } : {}),
    });
  },
});
