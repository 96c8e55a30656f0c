import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.js';
import { ConfigError } from '../../../src/lib/errors.js';
import { createLogger, pseudonym, pseudonymKey, PSEUDONYM_KEY_FILE } from '../../../src/lib/log.js';

const KEY = 'k'.repeat(32);

function capture(key = KEY) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { log: createLogger('info', key, stream), lines };
}

const dataDir = () => mkdtempSync(join(tmpdir(), 'layanan-log-'));

describe('logs keep personal data out (UU PDP)', () => {
  it('drops texts, names and contacts and pseudonymises user ids', () => {
    const { log, lines } = capture();
    log.error(
      { user: 'whatsapp:6281234567890@c.us', text: 'nama saya Made, HP 0812…', draft: { name: 'Made', contact: '0812345' } },
      'turn failed',
    );
    const line = lines.join('');
    expect(line).not.toContain('6281234567890');
    expect(line).not.toContain('Made');
    expect(line).not.toContain('0812');
    expect(line).toContain(pseudonym('whatsapp:6281234567890@c.us', KEY));
    expect(line).toContain('turn failed');
  });

  it('the same person gets the same pseudonym, different people different ones', () => {
    expect(pseudonym('telegram:1', KEY)).toBe(pseudonym('telegram:1', KEY));
    expect(pseudonym('telegram:1', KEY)).not.toBe(pseudonym('telegram:2', KEY));
  });

  it('is a keyed hash: not the plain SHA-256 of the id, and different under another key', () => {
    const id = 'whatsapp:6281234567890@c.us';
    const unsalted = `u_${createHash('sha256').update(id).digest('hex').slice(0, 8)}`;
    expect(pseudonym(id, KEY)).not.toBe(unsalted);
    expect(pseudonym(id, KEY)).not.toBe(pseudonym(id, 'x'.repeat(32)));
    expect(pseudonym(id, KEY)).toMatch(/^u_[0-9a-f]{8}$/);
  });
});

describe('the pseudonym key', () => {
  it('is generated into DATA_DIR on first start (mode 0600) and stays the same across restarts', () => {
    const dir = dataDir();
    const config = parseConfig({ DATA_DIR: dir });
    const first = pseudonymKey(config);
    const file = join(dir, PSEUDONYM_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(pseudonymKey(parseConfig({ DATA_DIR: dir }))).toBe(first); // a restart
    expect(pseudonymKey(parseConfig({ DATA_DIR: dataDir() }))).not.toBe(first); // another installation
  });

  it('LOG_PSEUDONYM_KEY wins over the file, and nothing is written then', () => {
    const dir = dataDir();
    expect(pseudonymKey(parseConfig({ DATA_DIR: dir, LOG_PSEUDONYM_KEY: KEY }))).toBe(KEY);
    expect(() => statSync(join(dir, PSEUDONYM_KEY_FILE))).toThrow();
  });

  it('a short LOG_PSEUDONYM_KEY is a ConfigError naming the variable (and never echoing it)', () => {
    const err = (() => {
      try {
        parseConfig({ LOG_PSEUDONYM_KEY: 'tooshort' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(String(err)).toMatch(/LOG_PSEUDONYM_KEY: a random secret of at least 32 characters/);
    expect(String(err)).not.toContain('tooshort');
  });

  it('a key file restored with loose permissions is tightened; an unusable one says how to fix it', () => {
    const dir = dataDir();
    const file = join(dir, PSEUDONYM_KEY_FILE);
    writeFileSync(file, `${KEY}\n`);
    chmodSync(file, 0o644);
    expect(pseudonymKey(parseConfig({ DATA_DIR: dir }))).toBe(KEY);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, 'short\n');
    expect(() => pseudonymKey(parseConfig({ DATA_DIR: dir }))).toThrow(/LOG_PSEUDONYM_KEY: .*delete it to generate a new one/);
    // DATA_DIR under a plain file: the key can be neither read nor created.
    expect(() => pseudonymKey(parseConfig({ DATA_DIR: join(file, 'sub') }))).toThrow(ConfigError);
  });
});
