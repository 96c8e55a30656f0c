/**
 * `npm start`: starts the configured channels; with none configured, the console chat on stdin/stdout.
 * With stdin not a terminal the console reads one message a line and exits after the last reply.
 * When any channel is configured the console is not started, and the end of stdin does not stop the service.
 */
import type { App } from './app.js';
import type { Channel } from './channels/channel.js';
import { runConsole } from './channels/console.js';
import { configuredChannels } from './channels/configured.js';
import { startComplaintSweep } from './complaints/sweep.js';
import { createBroadcastWorker } from './broadcast/start.js';
import { fail, withApp } from './cli/run.js';

async function serve(app: App, channels: Channel[]): Promise<number> {
  const started: Channel[] = [];
  for (const channel of channels) {
    try {
      app.bot.attach(channel);
      await channel.start(app.bot);
      started.push(channel);
      app.log.info({ channel: channel.name }, 'channel started');
    } catch (err) {
      // One platform failing (WhatsApp's browser, say) must not take the others down.
      app.log.error({ err, channel: channel.name }, 'channel failed to start');
    }
  }
  if (started.length === 0) return 1;
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
  await Promise.allSettled(started.map((c) => c.stop()));
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

withApp(start).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = fail(err);
  },
);
