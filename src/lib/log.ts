/**
 * Logging goes to stderr only: stdout belongs to the console chat and the JSON CLI modes.
 * pino redacts personal data (UU PDP 27/2022) by field name, so it never reaches a log line by accident of a
 * spread object: message text, names, contacts and tokens become `[redacted]`; user and chat ids (a WhatsApp
 * user key holds a phone number) become a stable pseudonym, so one person's log lines can still be followed.
 */
import { createHash } from 'node:crypto';
import pino from 'pino';

/** The logger every module receives (never a global: tests pass a silent one). */
export type Logger = pino.Logger;

/** Fields whose values are dropped. */
const SECRET_FIELDS = ['text', 'name', 'phone', 'contact', 'token', 'description'];
/** Fields whose values are replaced by a pseudonym. */
const ID_FIELDS = ['user', 'userKey', 'to', 'chat', 'from'];

/** A short, stable pseudonym of an id: `u_3f9a2c1d`. One-way; the same id always gives the same pseudonym. */
export function pseudonym(value: unknown): string {
  return `u_${createHash('sha256').update(String(value)).digest('hex').slice(0, 8)}`;
}

const ids = new Set(ID_FIELDS);
const paths = [...SECRET_FIELDS, ...ID_FIELDS].flatMap((f) => [f, `*.${f}`]);

function censor(value: unknown, path: string[]): unknown {
  return ids.has(path[path.length - 1] ?? '') ? pseudonym(value) : '[redacted]';
}

/** A logger writing JSON lines to `destination` (stderr by default) at `level`. */
export function createLogger(
  level: 'debug' | 'info' | 'warn' | 'error' | 'silent',
  destination: pino.DestinationStream = pino.destination(2),
): Logger {
  return pino({ level, redact: { paths, censor }, base: undefined }, destination);
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
