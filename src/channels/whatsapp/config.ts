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
  // `ready` may never follow `authenticated` (whatsapp-web.js #3785): rebuild after this long.
  WHATSAPP_READY_TIMEOUT_MS: int(180000, 10000, 3600000),
  // A stale page ("detached Frame", #5678) raises no event: probe it this often (0 = off).
  WHATSAPP_HEALTH_MS: int(60000, 0, 3600000),
};

/** The parsed configuration of this module. */
export type WhatsAppConfig = z.output<z.ZodObject<typeof whatsappEnv>>;

/** What each variable expects, in words, for configuration errors. */
export const whatsappEnvHelp: Readonly<Record<string, string>> = {
  STAFF_WHATSAPP_IDS: 'comma-separated WhatsApp ids, e.g. 6281234567890@c.us or 1234567890@lid',
  WHATSAPP_ENABLED: 'true or false',
  WHATSAPP_READY_TIMEOUT_MS: 'how long to wait for WhatsApp to be ready after it authenticated, in ms, 10000–3600000',
  WHATSAPP_HEALTH_MS: 'how often to check that WhatsApp Web still answers, in ms, 0–3600000 (0 = never)',
  WHATSAPP_TYPING_MS: 'the longest "typing…" pause before a WhatsApp reply in ms, 0–10000 (0 = none)',
};
