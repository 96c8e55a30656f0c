/**
 * `npm start`: starts the configured channels; with none configured, the console chat on stdin/stdout.
 * With stdin not a terminal the console reads one message a line and exits after the last reply.
 * When any channel is configured the console is not started, and the end of stdin does not stop the service.
 */
import type { App } from './app.js';
import type { Channel } from './kernel/channel.js';
import { runConsole } from './channels/console/console.js';
import { configuredChannels } from './channels/registry.js';
import { startComplaintSweep } from './features/complaints/sweep.js';
import { createBroadcastWorker } from './features/announcements/start.js';
import { fail, withApp } from './cli/run.js';
import { superviseChannels } from './runtime/supervise.js';

async function serve(app: App, channels: Channel[]): Promise<number> {
  // One platform failing (WhatsApp's browser, Telegram's network) must not take the others down: passing
  // failures are retried in the background, final ones (a revoked token) are given up and logged.
  const supervision = superviseChannels(app.bot, channels, app.log);
  await supervision.settled;
  if (channels.every((c) => !app.bot.hasChannel(c.name))) return 1;
  const stopComplaintSweep = startComplaintSweep(app.bot.complaints, app.log);
  // Announcements are delivered only once the channels they go out on are running.
  const broadcasts = await createBroadcastWorker(app.config, app.bot);
  await broadcasts.start();
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      app.log.info({ signal }, 'stopping');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  stopComplaintSweep();
  await broadcasts.stop();
  await supervision.stop();
  return 0;
}

async function start(app: App): Promise<number> {
  const channels = await configuredChannels(app);
  if (channels.length > 0) return serve(app, channels);
  await runConsole(app.bot, {
    input: process.stdin,
    output: process.stdout,
    user: 'local',
    json: false,
    interactive: Boolean(process.stdin.isTTY),
  });
  return 0;
}

withApp(start, { service: true }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = fail(err);
  },
);
