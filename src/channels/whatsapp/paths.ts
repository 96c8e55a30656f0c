/** Where WhatsApp keeps its files (no whatsapp-web.js import here: the CLI and tests use these cheaply). */
import { join, resolve } from 'node:path';
import type { Config } from '../../config.js';

/** The LocalAuth folder: `WHATSAPP_SESSION_DIR` (relative to the working directory), else `<DATA_DIR>/whatsapp`. Delete it to unpair. */
export function whatsappDataPath(config: Pick<Config, 'dataDir' | 'WHATSAPP_SESSION_DIR'>): string {
  return config.WHATSAPP_SESSION_DIR ? resolve(config.WHATSAPP_SESSION_DIR) : join(config.dataDir, 'whatsapp');
}

/** The Chromium profile LocalAuth uses inside its folder (`session`, since no `clientId` is set). */
export function profileDir(dataPath: string): string {
  return join(dataPath, 'session');
}

/** Where the current pairing QR code is written as a PNG: `<DATA_DIR>/whatsapp-qr.png`. */
export function qrImagePath(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'whatsapp-qr.png');
}
