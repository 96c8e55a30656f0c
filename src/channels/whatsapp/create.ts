/** The WhatsApp channel of a running app, with the real whatsapp-web.js client. */
import type { App } from '../../app.js';
import { WhatsAppChannel } from './adapter.js';
import { realClientFactory } from './client-options.js';
import { profileDir, qrImagePath, whatsappDataPath } from './paths.js';

/** Build the WhatsApp channel from the app's configuration (`WHATSAPP_ENABLED=true`). */
export function createWhatsAppChannel(app: Pick<App, 'config' | 'store' | 'log'>): WhatsAppChannel {
  const dataPath = whatsappDataPath(app.config);
  return new WhatsAppChannel({
    createClient: realClientFactory(app.config),
    store: app.store,
    dataPath,
    profileDir: profileDir(dataPath),
    qrImagePath: qrImagePath(app.config),
    log: app.log,
    typingMaxMs: app.config.WHATSAPP_TYPING_MS,
  });
}
