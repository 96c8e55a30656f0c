/** The WhatsApp Web module's environment variables (no whatsapp-web.js import here: configuration loads it cheaply). */
import { z } from 'zod';
import { bool, idList, int, optional } from '../../lib/env.js';

/** The variables of this module. */
export const whatsappEnv = {
  WHATSAPP_ENABLED: bool(false),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  WHATSAPP_SESSION_DIR: optional,
  WHATSAPP_TYPING_MS: int(1500, 0, 10000),
  STAFF_WHATSAPP_IDS: idList.pipe(z.array(z.string().regex(/^\d+@(c\.us|lid)$|^\d+$/))),
  WHATSAPP_DAILY_CAP: int(200, 1, 10000),
  WHATSAPP_MIN_GAP_MS: int(4000, 0, 600000),
  WHATSAPP_MAX_GAP_MS: int(12000, 0, 600000),
};

/** The parsed configuration of this module. */
export type WhatsAppConfig = z.output<z.ZodObject<typeof whatsappEnv>>;

/** What each variable expects, in words, for configuration errors. */
export const whatsappEnvHelp: Readonly<Record<string, string>> = {
  STAFF_WHATSAPP_IDS: 'comma-separated WhatsApp ids, e.g. 6281234567890@c.us or 1234567890@lid',
  WHATSAPP_ENABLED: 'true or false',
  WHATSAPP_TYPING_MS: 'the longest "typing…" pause before a WhatsApp reply in ms, 0–10000 (0 = none)',
};
