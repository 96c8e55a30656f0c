import { describe, expect, it } from 'vitest';
import type { Channel, ChannelHost } from '../../src/kernel/channel.js';
import { NetworkError, PlatformApiError } from '../../src/lib/errors.js';
import { silentLogger } from '../../src/lib/log.js';
import { superviseChannels } from '../../src/runtime/supervise.js';
import { makeBot } from '../support/app.js';

/** A channel whose start fails with the given errors, in order, then succeeds. */
function flaky(name: string, failures: unknown[]): Channel & { starts: number; stops: number } {
  return {
    name,
    starts: 0,
    stops: 0,
    async start(_host: ChannelHost) {
      this.starts += 1;
      const err = failures.shift();
      if (err) throw err;
    },
    async stop() {
      this.stops += 1;
    },
    async send() {
      return [];
    },
  };
}

/** Start retries after 10 ms, 20 ms … so the test runs in milliseconds. */
const FAST = { initialMs: 10, maxMs: 1000 };

describe('channel supervision', () => {
  it('a channel with a revoked token is given up while the others serve', async () => {
    const bot = makeBot();
    const telegram = flaky('telegram', [new PlatformApiError('telegram', 'getMe', 401, 'Unauthorized')]);
    const whatsapp = flaky('whatsapp', []);
    const s = superviseChannels(bot.host, bot.app.outbox, [telegram, whatsapp], silentLogger(), FAST);
    await s.settled;
    expect(bot.hasChannel('telegram')).toBe(false);
    expect(bot.hasChannel('whatsapp')).toBe(true);
    expect(s.running().map((c) => c.name)).toEqual(['whatsapp']);
    await s.stop();
    expect(whatsapp.stops).toBe(1);
  });

  it('a network failure at start is retried with backoff until the channel starts', async () => {
    const bot = makeBot();
    const telegram = flaky('telegram', [
      new NetworkError('telegram', 'getMe', new Error('ECONNRESET')),
      new NetworkError('telegram', 'getMe', new Error('ETIMEDOUT')),
    ]);
    const s = superviseChannels(bot.host, bot.app.outbox, [telegram], silentLogger(), FAST);
    await s.settled;
    expect(s.running()).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(telegram.starts).toBe(3);
    expect(s.running().map((c) => c.name)).toEqual(['telegram']);
    await s.stop();
  });

  it('stop ends the retries', async () => {
    const bot = makeBot();
    const down = flaky('telegram', Array.from({ length: 100 }, () => new NetworkError('telegram', 'getMe', 'down')));
    const s = superviseChannels(bot.host, bot.app.outbox, [down], silentLogger(), FAST);
    await s.settled;
    await s.stop();
    const starts = down.starts;
    await new Promise((r) => setTimeout(r, 80));
    expect(down.starts).toBe(starts);
  });
});
