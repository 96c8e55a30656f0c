/**
 * The real whatsapp-web.js `Client` and its options: `LocalAuth` under the data folder (so a restart does not
 * ask for a new QR scan), Debian's Chromium (never a downloaded one), and flags for a headless server.
 * This is the only module that loads whatsapp-web.js (and with it puppeteer) at run time.
 */
import { join } from 'node:path';
import wweb from 'whatsapp-web.js';
import type { ClientOptions } from 'whatsapp-web.js';
import type { WhatsAppConfig } from './config.js';
import type { WaClient } from './adapter.js';
import { whatsappDataPath } from './paths.js';

/**
 * Chromium flags for a server without a display. `--no-sandbox` only as root (Chromium refuses to start as
 * root with its sandbox; as another user the sandbox stays on). `/dev/shm` is often 64 MB in containers.
 */
export function chromiumArgs(isRoot: boolean): string[] {
  return [
    ...(isRoot ? ['--no-sandbox', '--disable-setuid-sandbox'] : []),
    '--disable-dev-shm-usage',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-extensions',
    '--disable-background-networking',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-renderer-backgrounding',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-sync',
    '--metrics-recording-only',
    '--mute-audio',
  ];
}

/** Whether this process runs as root (`process.getuid` is absent on Windows). */
export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The options of the real `Client`. LocalAuth sets the profile folder itself: never pass `userDataDir`. */
export function clientOptions(
  config: { dataDir: string } & Pick<WhatsAppConfig, 'WHATSAPP_SESSION_DIR' | 'CHROMIUM_PATH'>,
  isRoot: boolean = runningAsRoot(),
): ClientOptions {
  const dataPath = whatsappDataPath(config);
  return {
    authStrategy: new wweb.LocalAuth({ dataPath }),
    puppeteer: {
      executablePath: config.CHROMIUM_PATH,
      headless: true,
      args: chromiumArgs(isRoot),
    },
    // The WhatsApp Web page cache goes with the session, not into the working directory.
    webVersionCache: { type: 'local', path: join(dataPath, 'web-cache') },
  };
}

/** A factory of real clients for the adapter: a NEW `Client` for every (re)connection. */
export function realClientFactory(
  config: { dataDir: string } & Pick<WhatsAppConfig, 'WHATSAPP_SESSION_DIR' | 'CHROMIUM_PATH'>,
): () => WaClient {
  return () => new wweb.Client(clientOptions(config));
}
