/**
 * The real whatsapp-web.js `Client`, constructed with the project's options (never initialised: no browser is
 * launched). If whatsapp-web.js renames or drops an option, this fails instead of production.
 */
import { join } from 'node:path';
import wweb from 'whatsapp-web.js';
import { describe, expect, it } from 'vitest';
import { chromiumArgs, clientOptions, realClientFactory } from '../../src/channels/whatsapp/client-options.js';
import { profileDir, qrImagePath, whatsappDataPath } from '../../src/channels/whatsapp/paths.js';
import { testConfig } from '../support/app.js';

/** What whatsapp-web.js 1.34 keeps in `client.options` after merging its defaults. */
interface HeldOptions {
  authStrategy: unknown;
  puppeteer: { executablePath?: string; args?: string[]; headless?: unknown; userDataDir?: string };
  webVersionCache: unknown;
}

describe('real whatsapp-web.js Client options', () => {
  const config = testConfig({ CHROMIUM_PATH: '/usr/bin/chromium' });
  const dataPath = join(config.dataDir, 'whatsapp');

  it('holds LocalAuth under <DATA_DIR>/whatsapp, Debian Chromium and headless-server flags', () => {
    const client = realClientFactory(config)();
    expect(client).toBeInstanceOf(wweb.Client);
    // The library keeps the merged options on the instance (not in its typings): read them as it holds them.
    const { options } = client as unknown as { options: HeldOptions };
    const auth = options.authStrategy;
    expect(auth).toBeInstanceOf(wweb.LocalAuth);
    if (!(auth instanceof wweb.LocalAuth)) return;
    expect(auth.dataPath).toBe(dataPath);
    expect(auth.clientId).toBeUndefined();
    const pup = options.puppeteer;
    expect(pup.executablePath).toBe('/usr/bin/chromium');
    expect(pup.headless).toBe(true);
    expect(pup.args).toContain('--disable-dev-shm-usage');
    expect(pup.args).toContain('--disable-background-networking');
    // LocalAuth refuses a user-supplied userDataDir; it sets its own on initialize().
    expect(pup.userDataDir).toBeUndefined();
    expect(options.webVersionCache).toEqual({ type: 'local', path: join(dataPath, 'web-cache') });
    // Nothing launched: no browser, no listeners of ours on a client nobody started.
    expect(client.pupBrowser).toBeNull();
  });

  it('adds --no-sandbox only when running as root', () => {
    expect(chromiumArgs(true)).toContain('--no-sandbox');
    expect(chromiumArgs(false)).not.toContain('--no-sandbox');
    expect(clientOptions(config, false).puppeteer?.args).not.toContain('--no-sandbox');
    expect(clientOptions(config, true).puppeteer?.args).toContain('--no-sandbox');
  });

  it('puts the session where WHATSAPP_SESSION_DIR says, and the QR image in the data folder', () => {
    const custom = testConfig({ WHATSAPP_SESSION_DIR: '/var/lib/layanan/wa' });
    expect(whatsappDataPath(custom)).toBe('/var/lib/layanan/wa');
    expect(profileDir(whatsappDataPath(custom))).toBe('/var/lib/layanan/wa/session');
    expect(qrImagePath(custom)).toBe(join(custom.dataDir, 'whatsapp-qr.png'));
    const auth = clientOptions(custom).authStrategy;
    expect(auth instanceof wweb.LocalAuth && auth.dataPath).toBe('/var/lib/layanan/wa');
  });
});
