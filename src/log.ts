/**
 * Logging goes to stderr only: stdout belongs to the console chat and the JSON CLI modes.
 * pino redacts personal data fields (UU PDP 27/2022): citizen text, names, phone numbers and tokens never
 * reach a log line by accident of a spread object.
 */
import pino from 'pino';

/** The logger every module receives (never a global: tests pass a silent one). */
export type Logger = pino.Logger;

/** Field names that may carry personal data or secrets; their values are replaced by `[redacted]`. */
const REDACT = [
  'text',
  'name',
  'phone',
  'contact',
  'token',
  'description',
  '*.text',
  '*.name',
  '*.phone',
  '*.contact',
  '*.token',
  '*.description',
];

/** A logger writing JSON lines to stderr at `level`. */
export function createLogger(level: 'debug' | 'info' | 'warn' | 'error' | 'silent'): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined }, pino.destination(2));
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
