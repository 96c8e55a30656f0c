/** `npm run -s bot -- whatsapp login` with a fake client: the QR shown and saved, pairing, failures. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { whatsappLogin } from '../../src/channels/whatsapp/login.js';
import { FakeWhatsAppClient, until } from '../support/fake-whatsapp.js';

function setup(client: FakeWhatsAppClient) {
  const dataDir = mkdtempSync(join(tmpdir(), 'wa-login-'));
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  const run = whatsappLogin({
    config: { dataDir, WHATSAPP_SESSION_DIR: undefined, CHROMIUM_PATH: '/usr/bin/chromium' },
    createClient: () => client,
    out,
    timeoutMs: 2000,
    settleMs: 0,
  });
  return { dataDir, run, text: () => text };
}

describe('whatsapp login', () => {
  it('shows the QR code in the terminal, writes it as a PNG, and finishes once paired', async () => {
    const client = new FakeWhatsAppClient({ autoReady: false });
    const t = setup(client);
    await until(() => client.initializeCalls === 1, 2000, 'initialize');
    client.emit('qr', '2@Zm9vYmFy,c2VjcmV0,aGVsbG8=,d29ybGQ=');
    const png = join(t.dataDir, 'whatsapp-qr.png');
    await until(() => t.text().includes('Linked devices'), 2000, 'instructions');
    // Terminal QR: block characters, several lines.
    expect(t.text()).toMatch(/[▀▄█]/);
    expect(t.text().split('\n').length).toBeGreaterThan(15);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    client.emit('authenticated');
    client.emit('ready');
    expect(await t.run).toBe(0);
    expect(t.text()).toContain(`The session is kept in ${join(t.dataDir, 'whatsapp')}`);
    expect(client.destroyCalls).toBe(1);
    expect(existsSync(png)).toBe(false);
  });

  it('says how to fix it when Chromium cannot start', async () => {
    const client = new FakeWhatsAppClient({ initializeError: new Error('Failed to launch the browser process! spawn /usr/bin/chromium ENOENT') });
    const t = setup(client);
    expect(await t.run).toBe(1);
    expect(t.text()).toContain('apt-get install chromium');
  });

  it('fails with advice on an auth failure', async () => {
    const client = new FakeWhatsAppClient({ autoReady: false });
    const t = setup(client);
    await until(() => client.initializeCalls === 1, 2000, 'initialize');
    client.emit('auth_failure', 'bad session');
    expect(await t.run).toBe(1);
    expect(t.text()).toContain(`Delete ${join(t.dataDir, 'whatsapp')}`);
  });

  it('gives up when nobody scans in time', async () => {
    const client = new FakeWhatsAppClient({ autoReady: false });
    const dataDir = mkdtempSync(join(tmpdir(), 'wa-login-'));
    const out = new PassThrough();
    const code = await whatsappLogin({
      config: { dataDir, WHATSAPP_SESSION_DIR: undefined, CHROMIUM_PATH: '/usr/bin/chromium' },
      createClient: () => client,
      out,
      timeoutMs: 20,
      settleMs: 0,
    });
    expect(code).toBe(1);
    expect(String(out.read())).toContain('No phone was paired in time');
    expect(client.destroyCalls).toBe(1);
  });
});
