/**
 * The chat platforms this configuration enables. With none, `npm start` runs the console instead.
 */
import type { App } from '../app.js';
import type { Channel } from '../kernel/channel.js';

/** Channels enabled by the configuration (Telegram by token, WhatsApp by WHATSAPP_ENABLED). */
export async function configuredChannels(app: App): Promise<Channel[]> {
  const channels: Channel[] = [];
  if (app.config.TELEGRAM_BOT_TOKEN) {
    const { TelegramChannel, telegramOptions } = await import('./telegram/adapter.js');
    channels.push(new TelegramChannel(telegramOptions(app.config, app.store)));
  }
  if (app.config.WHATSAPP_ENABLED) {
    // Loaded only when enabled: whatsapp-web.js pulls in puppeteer.
    const { createWhatsAppChannel } = await import('./whatsapp/create.js');
    channels.push(createWhatsAppChannel(app));
  }
  return channels;
}
