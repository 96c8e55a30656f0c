/**
 * Logging goes to stderr only: stdout belongs to the console chat and the JSON CLI modes.
 * pino redacts personal data (UU PDP 27/2022) by field name, so it never reaches a log line by accident of a
 * spread object: message text, names, contacts and tokens become `[redacted]`; user and chat ids (a WhatsApp
 * user key holds a phone number) become a stable pseudonym, so one person's log lines can still be followed.
 * The pseudonym is an HMAC-SHA256 keyed with a secret (`LOG_PSEUDONYM_KEY`, else a key generated once into
 * DATA_DIR): without the key, hashing every phone number of the regency does not reverse it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
/** The settings the pseudonym key comes from. */
type PseudonymSettings = { readonly dataDir: string; readonly LOG_PSEUDONYM_KEY?: string | undefined };
import { ConfigError } from './errors.js';

/** The logger every module receives (never a global: tests pass a silent one). */
export type Logger = pino.Logger;

/** Fields whose values are dropped. */
const SECRET_FIELDS = ['text', 'name', 'phone', 'contact', 'token', 'description'];
/** Fields whose values are replaced by a pseudonym. */
const ID_FIELDS = ['user', 'userKey', 'to', 'chat', 'from'];

/** A short, stable pseudonym of an id under `key`: `u_3f9a2c1d`. The same id and key always give the same one. */
export function pseudonym(value: unknown, key: string): string {
  return `u_${createHmac('sha256', key).update(String(value)).digest('hex').slice(0, 8)}`;
}

/** The file under DATA_DIR holding the generated key when `LOG_PSEUDONYM_KEY` is not set. */
export const PSEUDONYM_KEY_FILE = 'log-pseudonym.key';

const isCode = (err: unknown, code: string) => (err as NodeJS.ErrnoException | undefined)?.code === code;

/**
 * The pseudonym key: `LOG_PSEUDONYM_KEY`, else `<DATA_DIR>/log-pseudonym.key`, generated (32 random bytes,
 * mode 0600) on first start and read back on every later one, so pseudonyms stay the same across restarts.
 * @throws ConfigError naming LOG_PSEUDONYM_KEY when the key file can be neither read nor created.
 */
export function pseudonymKey(config: PseudonymSettings): string {
  if (config.LOG_PSEUDONYM_KEY) return config.LOG_PSEUDONYM_KEY;
  const file = join(config.dataDir, PSEUDONYM_KEY_FILE);
  const fail = (err: unknown) =>
    new ConfigError([
      {
        variable: 'LOG_PSEUDONYM_KEY',
        expected: `set it to a random secret of 32+ characters, or make DATA_DIR writable so the key can be kept in ${file} (${err instanceof Error ? err.message : String(err)})`,
      },
    ]);
  const read = (): string | undefined => {
    try {
      const key = readFileSync(file, 'utf8').trim();
      // A copy restored with loose permissions is tightened: the key is what keeps pseudonyms one-way.
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      if (key.length < 32) throw new Error(`${file} holds no key of 32+ characters; delete it to generate a new one`);
      return key;
    } catch (err) {
      if (isCode(err, 'ENOENT')) return undefined;
      throw fail(err);
    }
  };
  const existing = read();
  if (existing) return existing;
  const key = randomBytes(32).toString('base64url');
  try {
    mkdirSync(config.dataDir, { recursive: true });
    // `wx`: when two processes start at once, the second keeps the first one's key.
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if (isCode(err, 'EEXIST')) return read() ?? key;
    throw fail(err);
  }
}

const ids = new Set(ID_FIELDS);
const paths = [...SECRET_FIELDS, ...ID_FIELDS].flatMap((f) => [f, `*.${f}`]);

/** A logger writing JSON lines to `destination` (stderr by default) at `level`, ids pseudonymised under `key`. */
export function createLogger(
  level: 'debug' | 'info' | 'warn' | 'error' | 'silent',
  key: string,
  destination: pino.DestinationStream = pino.destination(2),
): Logger {
  const censor = (value: unknown, path: string[]): unknown =>
    ids.has(path[path.length - 1] ?? '') ? pseudonym(value, key) : '[redacted]';
  return pino({ level, redact: { paths, censor }, base: undefined }, destination);
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
