/**
 * `npm run -s bot -- whatsapp login` (a command of this channel module): pair the office's WhatsApp number with the bot. Shows the QR code in
 * the terminal and writes it as `<DATA_DIR>/whatsapp-qr.png`; scan it from WhatsApp → Linked devices. The
 * session is kept by LocalAuth under `<DATA_DIR>/whatsapp`, so the bot starts paired afterwards.
 * Run it while the bot is stopped (both would use the same browser profile); a running bot writes the same
 * PNG itself when it needs pairing.
 */
import type { WaClient } from './adapter.js';
import type { WhatsAppConfig } from './config.js';
import { profileDir, qrImagePath, whatsappDataPath } from './paths.js';
import { qrTerminal, removeQrPng, writeQrPng } from './qr.js';
import { clearStaleProfileLock } from './reconnect.js';

/** What `whatsapp login` needs; tests pass a fake client. */
export interface LoginDeps {
  config: { dataDir: string } & Pick<WhatsAppConfig, 'WHATSAPP_SESSION_DIR' | 'CHROMIUM_PATH'>;
  createClient: () => WaClient;
  out: NodeJS.WritableStream;
  /** Give up after this long without pairing (ms). Default 5 minutes. */
  timeoutMs?: number;
  /** Pause after `ready` so the browser writes the session to disk before closing (ms). Default 5 s. */
  settleMs?: number;
}

/** Pair a phone; resolves with the exit code (0 paired, 1 not). */
export async function whatsappLogin(deps: LoginDeps): Promise<number> {
  const { config, out } = deps;
  const dataPath = whatsappDataPath(config);
  const png = qrImagePath(config);
  const say = (line: string) => out.write(`${line}\n`);

  const lock = await clearStaleProfileLock(profileDir(dataPath));
  if (lock.heldByPid !== undefined) {
    say(
      `The WhatsApp session is in use by a running Chromium (pid ${lock.heldByPid}), probably the bot.\n` +
        `Stop the bot first, or scan ${png}, which the running bot writes when it needs pairing.`,
    );
    return 1;
  }

  const client = deps.createClient();
  let finish: (code: number) => void = () => undefined;
  const outcome = new Promise<number>((resolve) => {
    finish = resolve;
  });
  const timer = setTimeout(() => {
    say('No phone was paired in time. Run the command again when the phone is at hand.');
    finish(1);
  }, deps.timeoutMs ?? 300_000);
  client.on('qr', (qr) => {
    void (async () => {
      try {
        say(await qrTerminal(qr));
        await writeQrPng(png, qr);
        say(`Scan this code from WhatsApp → Linked devices → Link a device (also saved as ${png}).`);
        say('The code changes about every 20 seconds; this command waits.');
      } catch (err) {
        say(`QR code could not be shown: ${err instanceof Error ? err.message : String(err)}`);
      }
    })();
  });
  client.on('authenticated', () => say('Phone linked; loading WhatsApp…'));
  client.on('ready', () => {
    say(`WhatsApp is paired. The session is kept in ${dataPath}; start the bot with WHATSAPP_ENABLED=true.`);
    finish(0);
  });
  client.on('auth_failure', (message) => {
    say(`WhatsApp refused the session (${message}). Delete ${dataPath} and run this command again.`);
    finish(1);
  });
  client.on('disconnected', (reason) => {
    say(`WhatsApp disconnected (${reason}) before pairing finished. Run this command again.`);
    finish(1);
  });
  client.initialize().catch((err: unknown) => {
    const reason = err instanceof Error ? err.message : String(err);
    say(`WhatsApp Web could not be started: ${reason}`);
    say(
      /net::ERR_|ENOTFOUND|ECONNREFUSED/.test(reason)
        ? 'Check that this server can reach https://web.whatsapp.com (network, proxy, firewall).'
        : `Is Chromium installed at ${config.CHROMIUM_PATH}? (apt-get install chromium, or set CHROMIUM_PATH)`,
    );
    finish(1);
  });

  const code = await outcome;
  clearTimeout(timer);
  if (code === 0) {
    await new Promise((resolve) => setTimeout(resolve, deps.settleMs ?? 5_000));
    await removeQrPng(png).catch(() => undefined);
  }
  await client.destroy().catch(() => undefined);
  return code;
}
