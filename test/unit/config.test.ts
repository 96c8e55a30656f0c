import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { ConfigError } from '../../src/lib/errors.js';

describe('configuration', () => {
  it('defaults need nothing: console chat, SQLite under ./data', () => {
    const c = parseConfig({}, '/srv/bot');
    expect(c.dataDir).toBe('/srv/bot/data');
    expect(c.officeFile).toBe('/srv/bot/offices/tabanan.json');
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(c.WHATSAPP_ENABLED).toBe(false);
    expect(c.SESSION_TTL_MINUTES).toBe(30);
  });

  it('empty values (a copied .env.example) mean the default, not zero', () => {
    const c = parseConfig({ SESSION_TTL_MINUTES: '', NLU_THRESHOLD: '', REDIS_URL: ' ' });
    expect(c.SESSION_TTL_MINUTES).toBe(30);
    expect(c.NLU_THRESHOLD).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
  });

  it('parses staff allow-lists by platform id', () => {
    const c = parseConfig({ STAFF_TELEGRAM_IDS: '123, 456', STAFF_WHATSAPP_IDS: '6281234567890@c.us,99887766@lid' });
    expect(c.STAFF_TELEGRAM_IDS).toEqual(['123', '456']);
    expect(c.STAFF_WHATSAPP_IDS).toEqual(['6281234567890@c.us', '99887766@lid']);
  });

  const bad: [Record<string, string>, string, RegExp][] = [
    [{ TELEGRAM_BOT_TOKEN: 'abc' }, 'TELEGRAM_BOT_TOKEN', /BotFather/],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL', /redis:\/\//],
    [{ SESSION_TTL_MINUTES: 'lama' }, 'SESSION_TTL_MINUTES', /number/i],
    [{ STAFF_TELEGRAM_IDS: '@budi' }, 'STAFF_TELEGRAM_IDS', /numeric/],
    [{ WHATSAPP_ENABLED: 'ya' }, 'WHATSAPP_ENABLED', /true or false/],
    [{ TELEGRAM_WEBHOOK_URL: 'https://bot.example.go.id/hook' }, 'TELEGRAM_WEBHOOK_SECRET', /required/],
    [{ WHATSAPP_MIN_GAP_MS: '9000', WHATSAPP_MAX_GAP_MS: '1000' }, 'WHATSAPP_MIN_GAP_MS', /WHATSAPP_MAX_GAP_MS/],
  ];
  it.each(bad)('refuses %o naming the variable', (env, variable, expected) => {
    let error: unknown;
    try {
      parseConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issue = (error as ConfigError).issues.find((i) => i.variable === variable);
    expect(issue?.expected).toMatch(expected);
    // Secrets never echo back into logs or terminals.
    for (const value of Object.values(env)) if (value.length > 8) expect((error as Error).message).not.toContain(value);
  });
});
