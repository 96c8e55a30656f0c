/**
 * `npm start`: starts the configured channels; with none configured, the console chat on stdin/stdout.
 * With stdin not a terminal the console reads one message a line and exits after the last reply.
 * When any channel is configured the console is not started, and the end of stdin does not stop the service.
 * Either way the service's HTTP server (staff console, `/healthz`, webhooks) runs on CONSOLE_HOST:CONSOLE_PORT
 * unless CONSOLE_PORT=0, and says where on stderr.
 */
import type { App } from './app.js';
import { runConsole } from './channels/console/adapter.js';
import type { Channel } from './kernel/channel.js';
import { Translator } from './kernel/locale.js';
import { fail, withApp } from './cli/run.js';
import { mountConsole } from './console/server.js';
import { createHttpServer, type HttpServer } from './runtime/http.js';
import { superviseChannels } from './runtime/supervise.js';

/** The HTTP server with the routes every mode has; undefined when turned off. */
async function startHttp(app: App): Promise<HttpServer | undefined> {
  if (app.config.CONSOLE_PORT === 0) return undefined;
  const http = createHttpServer({ host: app.config.CONSOLE_HOST, port: app.config.CONSOLE_PORT }, app.log);
  http.route('GET', '/healthz', async () => {
    const health = await app.health();
    return Response.json(health, { status: health.ok ? 200 : 503 });
  });
  // The staff console: pages, /metrics, and the same-origin rule for every POST except the webhooks channels register.
  mountConsole(http, app, { publicUrl: app.config.CONSOLE_PUBLIC_URL, idleMs: app.config.CONSOLE_IDLE_MINUTES * 60_000, dataDir: app.config.dataDir });
  const url = await http.listen();
  if (url) process.stderr.write(`layanan-bot: konsol petugas di ${url} (health: ${url}/healthz)\n`);
  return http;
}

async function serve(app: App, http: HttpServer | undefined): Promise<number> {
  const staffCommands = app.catalogue.chatHelp(new Translator(app.locales, 'id'));
  // Modules the background jobs need are loaded now: loading them once the channels run stalled turns and answers.
  for (const f of app.features) await f.prepare?.();
  const channels: Channel[] = [];
  for (const bound of app.enabledChannels()) {
    channels.push(await bound.create({ dataDir: app.config.dataDir, staffCommands, store: app.store, log: app.log, ...(http ? { http } : {}) }));
  }
  // One platform failing (WhatsApp's browser, Telegram's network) must not take the others down: passing
  // failures are retried in the background, final ones (a revoked token) are given up and logged.
  // Answers stored but not delivered when the last process stopped go out as soon as their channel runs.
  const resume = (name: string) => void app.delivery.resume(name).catch((err: unknown) => app.log.error({ err, channel: name }, 'stored answers not resumed'));
  const supervision = superviseChannels(app.host, app.outbox, channels, app.log, undefined, (c) => resume(c.name));
  await supervision.settled;
  if (channels.every((c) => !app.outbox.canSend(c.name))) return 1;
  // Background jobs (complaint checks, announcement delivery) start once the channels they send on run.
  for (const f of app.features) await f.start?.();
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      app.log.info({ signal }, 'stopping');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  for (const f of app.features) await f.stop?.();
  // Pieces in flight finish and are recorded; what is left stays stored for the next start.
  await app.delivery.stop();
  await supervision.stop();
  return 0;
}

async function start(app: App): Promise<number> {
  const http = await startHttp(app);
  try {
    if (app.enabledChannels().length > 0) return await serve(app, http);
    await runConsole(app.host, {
      input: process.stdin,
      output: process.stdout,
      user: 'local',
      json: false,
      interactive: Boolean(process.stdin.isTTY),
    });
    return 0;
  } finally {
    await http?.close();
  }
}

withApp(start, { service: true }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = fail(err);
  },
);
