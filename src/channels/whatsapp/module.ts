/**
 * The WhatsApp Web channel module (whatsapp-web.js driving Debian's Chromium): its variables, capabilities,
 * the careful delivery profile that keeps the number from being banned, and its factory. whatsapp-web.js
 * (and puppeteer) load only when the channel is enabled.
 */
import { defineChannelModule } from '../../kernel/channel.js';
import { userKey } from '../../kernel/user-key.js';
import { whatsappEnv, whatsappEnvHelp } from './config.js';
import { profileDir, qrImagePath, whatsappDataPath } from './paths.js';
import { WHATSAPP_TEXT_LIMIT } from './render.js';

/** The allow-list as WhatsApp ids: a bare number means the phone-number form of the id. */
function staffIds(list: readonly string[]): string[] {
  return list.map((id) => (id.includes('@') ? id : `${id}@c.us`));
}

/** WhatsApp through whatsapp-web.js. */
export const whatsappModule = defineChannelModule({
  name: 'whatsapp',
  label: 'WhatsApp',
  env: whatsappEnv,
  envHelp: whatsappEnvHelp,
  check: (c) =>
    c.WHATSAPP_MIN_GAP_MS > c.WHATSAPP_MAX_GAP_MS
      ? [{ variable: 'WHATSAPP_MIN_GAP_MS', expected: 'not more than WHATSAPP_MAX_GAP_MS' }]
      : [],
  capabilities: { push: true, buttons: false, maxText: WHATSAPP_TEXT_LIMIT },
  enabled: (c) => c.WHATSAPP_ENABLED,
  staffKeys: (c) => staffIds(c.STAFF_WHATSAPP_IDS).map((id) => userKey('whatsapp', id)),
  // Bulk messages get numbers suspended: random gaps, one at a time, and a daily cap.
  delivery: (c) => ({ randomGapMs: { min: c.WHATSAPP_MIN_GAP_MS, max: c.WHATSAPP_MAX_GAP_MS }, dailyCap: c.WHATSAPP_DAILY_CAP }),
  commands: {
    login: {
      help: 'pair the office\'s WhatsApp number (QR in the terminal + <DATA_DIR>/whatsapp-qr.png)',
      async run({ config, dataDir, out }) {
        // Loaded here only: whatsapp-web.js pulls in puppeteer.
        const [{ whatsappLogin }, { realClientFactory }] = await Promise.all([import('./login.js'), import('./client-options.js')]);
        const paths = { dataDir, WHATSAPP_SESSION_DIR: config.WHATSAPP_SESSION_DIR, CHROMIUM_PATH: config.CHROMIUM_PATH };
        return whatsappLogin({ config: paths, createClient: realClientFactory(paths), out });
      },
    },
  },
  async create(ctx) {
    const [{ WhatsAppChannel }, { realClientFactory }] = await Promise.all([import('./adapter.js'), import('./client-options.js')]);
    const paths = { dataDir: ctx.dataDir, WHATSAPP_SESSION_DIR: ctx.config.WHATSAPP_SESSION_DIR };
    const dataPath = whatsappDataPath(paths);
    return new WhatsAppChannel({
      createClient: realClientFactory({ ...paths, CHROMIUM_PATH: ctx.config.CHROMIUM_PATH }),
      store: ctx.store,
      dataPath,
      profileDir: profileDir(dataPath),
      qrImagePath: qrImagePath(paths),
      log: ctx.log,
      typingMaxMs: ctx.config.WHATSAPP_TYPING_MS,
      readyTimeoutMs: ctx.config.WHATSAPP_READY_TIMEOUT_MS,
      healthMs: ctx.config.WHATSAPP_HEALTH_MS,
      staffIds: staffIds(ctx.config.STAFF_WHATSAPP_IDS),
    });
  },
});
