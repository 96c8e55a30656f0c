/**
 * Shared start-up for `npm start` and the CLI: configuration and data errors end the process with a clear
 * message on stderr (exit code 2), and a stray rejection is logged instead of killing the service.
 */
import { createApp, type App } from '../app.js';
import { hasChannels, loadConfig, type Config } from '../config.js';
import { z } from 'zod';
import { LayananError, StoreError } from '../lib/errors.js';
import { createLogger, pseudonymKey, type Logger } from '../lib/log.js';
import { localDate } from '../lib/time.js';
import { emptyCalendarWarning, officeCalendar } from '../lib/working-days.js';

/** Options of {@link withApp}. */
export interface WithAppOptions {
  /**
   * The process serves chat platforms when they are configured (`npm start`): log at `info` by default, and
   * refuse to start (one line naming the variable, exit 2) while the store cannot be reached.
   */
  service?: boolean;
}

/** Run `body` with a built app; returns the process exit code. */
export async function withApp(body: (app: App) => Promise<number>, opts: WithAppOptions = {}): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    return fail(err);
  }
  // In the console chat and the CLI the terminal is the conversation: only errors go to stderr unless asked.
  endQuietlyWhenStdoutCloses();
  let key: string;
  try {
    key = pseudonymKey(config);
  } catch (err) {
    return fail(err);
  }
  const log = createLogger(config.LOG_LEVEL ?? (opts.service && hasChannels(config) ? 'info' : 'error'), key);
  guardProcess(log);
  let app: App;
  try {
    app = createApp(config, log);
  } catch (err) {
    return fail(err);
  }
  if (opts.service) warnOnEmptyCalendar(app, log);
  try {
    if (opts.service) {
      const unreachable = await storeUnreachable(app);
      if (unreachable) {
        process.stderr.write(`layanan-bot: ${unreachable}\n`);
        return 2;
      }
    }
    return await body(app);
  } finally {
    await app.close();
  }
}

/**
 * Why the store cannot be used, in one line naming the variable to fix, or undefined when it answers. A service
 * that starts anyway looks healthy to its supervisor while it can answer nobody; exiting with 2 lets systemd
 * (Restart=on-failure) or Docker retry it with their own backoff, and the operator sees the cause at once.
 */
export async function storeUnreachable(app: Pick<App, 'store' | 'config'>): Promise<string | undefined> {
  try {
    await app.store.collection('health', z.unknown()).get('ping');
    return undefined;
  } catch (err) {
    const cause = err instanceof StoreError && err.cause instanceof Error ? err.cause.message : String(err);
    return app.config.REDIS_URL
      ? `the store does not answer: REDIS_URL=${redacted(app.config.REDIS_URL)} (${cause}) — start Redis or fix REDIS_URL`
      : `the store cannot be opened: DATA_DIR=${app.config.dataDir} (${cause}) — make DATA_DIR writable or set another`;
  }
}

/** A URL without its password (a Redis URL may carry one). */
function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable)';
  }
}

/** Warn (log, and stderr in the console chat, whose log shows only errors) when no holiday lies ahead. */
function warnOnEmptyCalendar(app: App, log: Logger): void {
  const warning = emptyCalendarWarning(officeCalendar(app.office), localDate(new Date(), app.office.timezone), app.config.officeFile);
  if (!warning) return;
  log.warn({ officeFile: app.config.officeFile }, warning);
  if (!hasChannels(app.config)) process.stderr.write(`layanan-bot: warning: ${warning}\n`);
}

/** Print a start-up failure for a person to act on. */
export function fail(err: unknown): number {
  if (err instanceof LayananError) {
    process.stderr.write(`layanan-bot: ${err.message}\n`);
    return 2;
  }
  process.stderr.write(`layanan-bot: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}

let stdoutGuarded = false;

/**
 * A reader that goes away (`npm start | head -1`, a closed terminal) is the end of the conversation, not a
 * crash: the next write fails with EPIPE, and the process ends quietly with exit code 0. Everything already
 * answered was stored before its reply was written, so nothing is lost by ending here.
 */
export function endQuietlyWhenStdoutCloses(stream: NodeJS.WriteStream = process.stdout, exit: (code: number) => void = process.exit): void {
  if (stream === process.stdout && stdoutGuarded) return;
  if (stream === process.stdout) stdoutGuarded = true;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') exit(0);
    else throw err;
  });
}

let guarded = false;

/** A rejection nobody awaited is a bug, but it must not take every chat down with it. */
function guardProcess(log: Logger): void {
  if (guarded) return;
  guarded = true;
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection (kept running)'));
}
