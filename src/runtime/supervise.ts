/**
 * Starting channels so that one platform can never take the others down: a channel whose start fails for a
 * passing reason (network, 5xx, 429) is retried with backoff in the background while the rest of the bot
 * serves; one that fails for a final reason (401 bad token, 404 wrong API root) is given up and detached.
 */
import type { Channel, ChannelHost } from '../kernel/channel.js';
import { ConfigError, PlatformApiError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import { backoffDelay, DEFAULT_BACKOFF, type Backoff } from '../lib/time.js';
import type { Outbox } from './outbox.js';

/** Whether a start failure is final (retrying cannot help without a config change). */
export function isFinalStartError(err: unknown): boolean {
  // A configuration problem found at start (a webhook without an HTTP server) cannot pass by itself either.
  if (err instanceof ConfigError) return true;
  return err instanceof PlatformApiError && err.code >= 400 && err.code < 500 && err.code !== 429;
}

/** A running supervision of channels. */
export interface Supervision {
  /** Channels that started (now or after retries) and have not been stopped. */
  running(): Channel[];
  /** Resolves once every channel has either started or been given up, whichever first. */
  settled: Promise<void>;
  /** Stop retrying and stop every started channel. */
  stop(): Promise<void>;
}

/** Attach and start `channels`, retrying passing failures with backoff. */
export function superviseChannels(
  host: ChannelHost,
  outbox: Pick<Outbox, 'attach' | 'detach'>,
  channels: readonly Channel[],
  log: Logger,
  backoff: Backoff = DEFAULT_BACKOFF,
  /** Told each time a channel has started (stored answers for it can go out). */
  onStarted?: (channel: Channel) => void,
): Supervision {
  const started = new Set<Channel>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const attempt = (channel: Channel, failures: number, done: () => void): void => {
    outbox.attach(channel);
    channel.start(host).then(
      () => {
        if (stopped) {
          void channel.stop();
          return done();
        }
        started.add(channel);
        log.info({ channel: channel.name }, 'channel started');
        onStarted?.(channel);
        done();
      },
      (err: unknown) => {
        if (stopped) return done();
        if (isFinalStartError(err)) {
          outbox.detach(channel.name);
          log.error({ err, channel: channel.name }, 'channel cannot start: fix its configuration; the others keep running');
          return done();
        }
        const delayMs = backoffDelay(failures, backoff);
        log.warn({ err, channel: channel.name, retryInMs: delayMs }, 'channel failed to start; retrying');
        done(); // settled: the bot serves with what it has while this one retries
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!stopped) attempt(channel, failures + 1, () => undefined);
        }, delayMs);
        timer.unref();
        timers.add(timer);
      },
    );
  };

  const settled = Promise.all(channels.map((c) => new Promise<void>((resolve) => attempt(c, 0, resolve)))).then(
    () => undefined,
  );

  return {
    running: () => [...started],
    settled,
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled([...started].map((c) => c.stop()));
      started.clear();
    },
  };
}
