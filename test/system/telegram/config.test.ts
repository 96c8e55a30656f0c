/**
 * Configuration: a malformed token stops start-up with a message naming the variable (never echoing the
 * value); a valid token enables the channel, in webhook mode when a public URL is set.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createApp, ROOT } from '../../../src/app.js';
import { telegramOptions } from '../../../src/channels/telegram/adapter.js';
import { ConfigError } from '../../../src/lib/errors.js';
import { silentLogger } from '../../../src/lib/log.js';
import { createMemoryStore } from '../../../src/store/store.js';
import { testConfig } from '../../support/app.js';
import { FAKE_TOKEN } from '../../support/fake-telegram.js';

const BAD_TOKEN = 'bot-token-copied-wrong';

describe('Telegram configuration', () => {
  it('refuses a malformed TELEGRAM_BOT_TOKEN, naming the variable and not echoing the value', () => {
    let error: unknown;
    try {
      testConfig({ TELEGRAM_BOT_TOKEN: BAD_TOKEN });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.variable)).toEqual(['TELEGRAM_BOT_TOKEN']);
    expect((error as Error).message).not.toContain(BAD_TOKEN);
  });

  it('npm start with a malformed token exits 2 with a clear message on stderr', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, TELEGRAM_BOT_TOKEN: BAD_TOKEN, LOG_LEVEL: 'silent' },
      input: '',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/TELEGRAM_BOT_TOKEN: a token from @BotFather/);
    expect(run.stderr).not.toContain(BAD_TOKEN);
    expect(run.stdout).toBe('');
  });

  it('a valid token enables the Telegram channel; a webhook URL switches it to webhook mode', async () => {
    const app = createApp(testConfig({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN }), silentLogger(), { store: createMemoryStore() });
    const channels = app.enabledChannels();
    expect(channels.map((c) => c.name)).toEqual(['telegram']);
    expect(telegramOptions(app.config).webhook).toBeUndefined();

    const hooked = testConfig({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      TELEGRAM_WEBHOOK_URL: 'https://layanan.tabanankab.go.id/telegram',
      TELEGRAM_WEBHOOK_SECRET: 'Tabanan_webhook_secret_2020',
      TELEGRAM_WEBHOOK_PORT: '8443',
      TELEGRAM_LINK_PREVIEW: 'true',
      STAFF_TELEGRAM_IDS: '111,222',
      STAFF_TELEGRAM_CHAT_ID: '-100123',
    });
    const opts = telegramOptions(hooked);
    expect(opts).toMatchObject({
      apiRoot: 'http://127.0.0.1:8081',
      linkPreview: true,
      webhook: { url: 'https://layanan.tabanankab.go.id/telegram', secret: 'Tabanan_webhook_secret_2020', port: 8443 },
      staffChatIds: ['111', '222', '-100123'],
    });
  });
});
