/**
 * The real whatsapp-web.js `Client`, constructed with the project's options (never initialised: no browser is
 * launched). If whatsapp-web.js renames or drops an option, this fails instead of production.
 */
import { join } from 'node:path';
import wweb from 'whatsapp-web.js';
import { describe, expect, it } from 'vitest';
import { chromiumArgs, clientOptions, realClientFactory } from '../../../../src/channels/whatsapp/client-options.js';
import { profileDir, qrImagePath, whatsappDataPath } from '../../../../src/channels/whatsapp/paths.js';
import { testConfig } from '../../../support/app.js';

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

  it('has the calls the health probe and the id links use (a rename fails here, not in production)', () => {
    const client = realClientFactory(config)();
    expect(typeof client.getState).toBe('function');
    expect(typeof client.getContactLidAndPhone).toBe('function');
    expect(wweb.Events.MESSAGE_ACK).toBe('message_ack');
    expect([wweb.MessageAck.ACK_ERROR, wweb.MessageAck.ACK_SERVER, wweb.MessageAck.ACK_DEVICE, wweb.MessageAck.ACK_READ]).toEqual([-1, 1, 2, 3]);
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

describe('WhatsApp module settings', () => {
  it('waits 3 minutes for ready and probes every 60 s by default; 0 turns the probe off; nonsense is refused', async () => {
    const { whatsappModule } = await import('../../../../src/channels/whatsapp/module.js');
    const { whatsappEnv } = await import('../../../../src/channels/whatsapp/config.js');
    const { z } = await import('zod');
    const defaults = z.object(whatsappEnv).parse({});
    expect(defaults.WHATSAPP_READY_TIMEOUT_MS).toBe(180_000);
    expect(defaults.WHATSAPP_HEALTH_MS).toBe(60_000);
    expect(z.object(whatsappEnv).parse({ WHATSAPP_HEALTH_MS: '0' }).WHATSAPP_HEALTH_MS).toBe(0);
    const bad = whatsappModule.bind({ WHATSAPP_READY_TIMEOUT_MS: '5' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues).toEqual([{ variable: 'WHATSAPP_READY_TIMEOUT_MS', expected: expect.stringContaining('10000–3600000') }]);
    const staff = whatsappModule.bind({ STAFF_WHATSAPP_IDS: '6281111111111,99887766554433@lid' });
    expect(staff.ok && staff.channel.staffKeys).toEqual(['whatsapp:6281111111111@c.us', 'whatsapp:99887766554433@lid']);
  });
});
