/**
 * Shared start-up for `npm start` and the CLI: configuration and data errors end the process with a clear
 * message on stderr (exit code 2), and a stray rejection is logged instead of killing the service.
 */
import { createApp, type App } from '../app.js';
import { hasChannels, loadConfig, type Config } from '../config.js';
import { LayananError } from '../lib/errors.js';
import { createLogger, type Logger } from '../lib/log.js';

/** Options of {@link withApp}. */
export interface WithAppOptions {
  /** The process serves chat platforms when they are configured (`npm start`): log at `info` by default. */
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
  const log = createLogger(config.LOG_LEVEL ?? (opts.service && hasChannels(config) ? 'info' : 'error'));
  guardProcess(log);
  let app: App;
  try {
    app = createApp(config, log);
  } catch (err) {
    return fail(err);
  }
  try {
    return await body(app);
  } finally {
    await app.close();
  }
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

let guarded = false;

/** A rejection nobody awaited is a bug, but it must not take every chat down with it. */
function guardProcess(log: Logger): void {
  if (guarded) return;
  guarded = true;
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection (kept running)'));
}
