/** Where WhatsApp keeps its files (no whatsapp-web.js import here: the CLI and tests use these cheaply). */
import { join, resolve } from 'node:path';
import type { WhatsAppConfig } from './config.js';

/** Where the data folder is and the module's path settings. */
type PathConfig = { dataDir: string } & Pick<WhatsAppConfig, 'WHATSAPP_SESSION_DIR'>;

/** The LocalAuth folder: `WHATSAPP_SESSION_DIR` (relative to the working directory), else `<DATA_DIR>/whatsapp`. Delete it to unpair. */
export function whatsappDataPath(config: PathConfig): string {
  return config.WHATSAPP_SESSION_DIR ? resolve(config.WHATSAPP_SESSION_DIR) : join(config.dataDir, 'whatsapp');
}

/** The Chromium profile LocalAuth uses inside its folder (`session`, since no `clientId` is set). */
export function profileDir(dataPath: string): string {
  return join(dataPath, 'session');
}

/** Where the current pairing QR code is written as a PNG: `<DATA_DIR>/whatsapp-qr.png`. */
export function qrImagePath(config: { dataDir: string }): string {
  return join(config.dataDir, 'whatsapp-qr.png');
}
