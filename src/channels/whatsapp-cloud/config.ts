/**
 * The WhatsApp Business Cloud API module's environment variables. The channel is on when the four secrets
 * are set (token, phone number id, app secret, verify token); templates for messages outside the 24-hour
 * window are JSON in WHATSAPP_CLOUD_TEMPLATES.
 */
import { z } from 'zod';
import { idList, int, optional } from '../../lib/env.js';

/** The Graph API version the module is written against (configurable through WHATSAPP_CLOUD_API_ROOT). */
export const DEFAULT_API_ROOT = 'https://graph.facebook.com/v24.0';

/** One approved message template: its name, its language code per reply language, its body parameters. */
export const TemplateSpec = z.object({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/),
  /** WhatsApp language code per reply language (`{"id": "id", "en": "en_US"}`); a missing one falls back to `id`. */
  language: z.record(z.enum(['id', 'en']), z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/)).refine((l) => Object.keys(l).length > 0),
  /** The body has one parameter, `{{1}}`: the notification's text. */
  bodyParams: z.literal(1).default(1),
});
export type TemplateSpec = z.infer<typeof TemplateSpec>;

/** Templates by purpose; `default` is used for every notification (the core does not tell the purpose). */
export const Templates = z.record(z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/), TemplateSpec);
export type Templates = z.infer<typeof Templates>;

const templatesJson = optional.transform((v, ctx) => {
  if (v === undefined) return {};
  try {
    const parsed = Templates.safeParse(JSON.parse(v));
    if (parsed.success) return parsed.data;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'invalid templates JSON' });
  return z.NEVER;
});

/** A WhatsApp user id: a phone-number `wa_id` (digits) or a business-scoped user id (`ID.1234…`, `US.ENT.…`). */
export const WA_USER_ID = /^(\d{6,20}|[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128})$/;

/** The variables of this module. */
export const whatsappCloudEnv = {
  WHATSAPP_CLOUD_TOKEN: optional.pipe(z.string().min(20).optional()),
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: optional.pipe(z.string().regex(/^\d{5,30}$/).optional()),
  WHATSAPP_CLOUD_APP_SECRET: optional.pipe(z.string().min(16).optional()),
  WHATSAPP_CLOUD_VERIFY_TOKEN: optional.pipe(z.string().min(8).optional()),
  WHATSAPP_CLOUD_API_ROOT: z.url({ protocol: /^https?$/ }).default(DEFAULT_API_ROOT),
  /** Path of the webhook on the service's HTTP server. */
  WHATSAPP_CLOUD_WEBHOOK_PATH: z.string().regex(/^\/[A-Za-z0-9/_-]{1,100}$/).default('/webhooks/whatsapp-cloud'),
  WHATSAPP_CLOUD_TEMPLATES: templatesJson,
  STAFF_WHATSAPP_CLOUD_IDS: idList.pipe(z.array(z.string().regex(WA_USER_ID))),
  /** Messages per second of announcements (Cloud API: 80/s per number by default, up to 1,000 on request). */
  WHATSAPP_CLOUD_RATE: int(80, 1, 1000),
  /** Least time between two announcements to one person (Meta's pair rate: about one per 6 s). */
  WHATSAPP_CLOUD_CHAT_GAP_MS: int(6000, 0, 600_000),
  /** Announcements per office day (the number's messaging limit of business-initiated conversations). */
  WHATSAPP_CLOUD_DAILY_CAP: int(1000, 1, 10_000_000),
};

/** The parsed configuration of this module. */
export type WhatsAppCloudConfig = z.output<z.ZodObject<typeof whatsappCloudEnv>>;

/** The four variables that together turn the channel on. */
export const REQUIRED = ['WHATSAPP_CLOUD_TOKEN', 'WHATSAPP_CLOUD_PHONE_NUMBER_ID', 'WHATSAPP_CLOUD_APP_SECRET', 'WHATSAPP_CLOUD_VERIFY_TOKEN'] as const;

/** What each variable expects, in words, for configuration errors. */
export const whatsappCloudEnvHelp: Readonly<Record<string, string>> = {
  WHATSAPP_CLOUD_TOKEN: 'a permanent system-user access token from Meta Business Settings (20+ characters)',
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: 'the numeric phone number id from WhatsApp Manager → API setup (not the phone number)',
  WHATSAPP_CLOUD_APP_SECRET: 'the app secret from the Meta app → App settings → Basic (16+ characters)',
  WHATSAPP_CLOUD_VERIFY_TOKEN: 'a random string of 8+ characters, the same as typed in the app\'s webhook settings',
  WHATSAPP_CLOUD_API_ROOT: 'an http(s) URL of the Graph API with its version, e.g. https://graph.facebook.com/v24.0',
  WHATSAPP_CLOUD_WEBHOOK_PATH: 'a path such as /webhooks/whatsapp-cloud',
  WHATSAPP_CLOUD_TEMPLATES:
    'JSON such as {"default":{"name":"notifikasi_layanan","language":{"id":"id","en":"en_US"},"bodyParams":1}}',
  STAFF_WHATSAPP_CLOUD_IDS: 'comma-separated WhatsApp ids as the webhook gives them: phone numbers (6281234567890) or business-scoped ids (ID.1234…)',
  WHATSAPP_CLOUD_RATE: 'messages per second, 1–1000 (80 by default for a Cloud API number)',
  WHATSAPP_CLOUD_CHAT_GAP_MS: 'ms between two announcements to one person, 0–600000',
  WHATSAPP_CLOUD_DAILY_CAP: 'announcements per day, the number\'s messaging limit (250, 1000, 10000 …)',
};
