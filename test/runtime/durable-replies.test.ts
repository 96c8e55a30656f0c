/**
 * Durable answers: a turn on a channel that delivers durably stores its replies with its state, and the
 * runtime's paced sender delivers them piece by piece: once, in order, resumed after a restart, a 429 waited
 * out, a piece a crash left in flight counted and never resent, a queue another live process holds left alone.
 * The channel here is a fake with `Channel.durable`'s shape (one piece per reply), over the real app.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { plain, replyText } from '../../src/kernel/message.js';
import { NetworkError, PlatformApiError } from '../../src/lib/errors.js';
import { createMemoryStore, type Store } from '../../src/store/store.js';
import { makeBot, type TestBot } from '../support/app.js';
import { FakeDurableChannel, waiting } from '../support/durable-channel.js';

const bots: TestBot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.app.delivery.stop(0);
});

function setup(opts: { store?: Store; clock?: { now: number } } = {}): { bot: TestBot; channel: FakeDurableChannel } {
  const clock = opts.clock;
  const bot = makeBot({ store: opts.store ?? createMemoryStore(), ...(clock ? { now: () => new Date(clock.now) } : {}) });
  const channel = new FakeDurableChannel();
  bot.attach(channel);
  bots.push(bot);
  return { bot, channel };
}

describe('durable answers', () => {
  it('stores a turn\'s answer with the turn and delivers it once, in order; nothing stays queued', async () => {
    const { bot, channel } = setup();
    const direct = (await bot.turn({ userKey: 'telegram:8', text: 'kenapa kantor tutup?' })).replies.map(replyText);
    const sendNow = await bot.handle({ userKey: 'telegram:7', text: 'kenapa kantor tutup?', replyAddress: '7' });
    expect(sendNow).toEqual([]);
    await bot.app.delivery.idle();
    expect(channel.texts()).toEqual(direct);
    expect(channel.sent.every((s) => s.to === '7')).toBe(true);
    expect((await bot.sessions.get('telegram:7'))?.outbox).toBeUndefined();
    expect(bot.app.delivery.stats).toMatchObject({ sent: direct.length, unknown: 0, givenUp: 0 });
  });

  it('sends the answers of quick successive turns in turn order', async () => {
    const { bot, channel } = setup();
    const expected: string[] = [];
    for (const text of ['halo', 'jam buka kantor?', 'makasih']) {
      expected.push(...(await bot.turn({ userKey: 'telegram:9', text })).replies.map(replyText));
    }
    await Promise.all(['halo', 'jam buka kantor?', 'makasih'].map((text) => bot.handle({ userKey: 'telegram:7', text, replyAddress: '7' })));
    await bot.app.delivery.idle();
    expect(channel.texts()).toEqual(expected);
  });

  it('waits out a 429 and sends the piece once', async () => {
    const { bot, channel } = setup();
    channel.failures.push(new PlatformApiError('telegram', 'sendMessage', 429, 'Too Many Requests: retry after 1', 1));
    const started = Date.now();
    await bot.handle({ userKey: 'telegram:7', text: 'halo', replyAddress: '7' });
    await bot.app.delivery.idle();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(channel.texts().length).toBeGreaterThan(0);
    expect(new Set(channel.texts()).size).toBe(channel.texts().length);
    expect(bot.app.delivery.stats.rateLimited).toBe(1);
  });

  it('tries again after a network error, and the answer arrives', async () => {
    const { bot, channel } = setup();
    channel.failures.push(new NetworkError('telegram', 'sendMessage', new Error('ECONNRESET')));
    await bot.handle({ userKey: 'telegram:7', text: 'halo', replyAddress: '7' });
    await bot.app.delivery.idle();
    expect(channel.texts().length).toBeGreaterThan(0);
    expect(bot.app.delivery.stats.retried).toBe(1);
  });

  it('a piece that cannot be made ready is not claimed, and is sent once it can be', async () => {
    const { bot, channel } = setup();
    const sessions = () => bot.app.conversation.sessions.get('telegram:7');
    const claimedWhenRefused: boolean[] = [];
    let refuse = true;
    channel.durable.prepare = async (to, replies, index) => {
      if (refuse) {
        refuse = false;
        claimedWhenRefused.push((await sessions())?.outbox?.answers[0]?.sending ?? false);
        throw new NetworkError('telegram', 'sendMessage', new Error('ECONNREFUSED'));
      }
      return { send: () => channel.durable.sendPiece(to, replies, index), cancel: () => undefined };
    };
    await bot.handle({ userKey: 'telegram:7', text: 'halo', replyAddress: '7' });
    await bot.app.delivery.idle();
    expect(claimedWhenRefused).toEqual([false]);
    expect(channel.texts().length).toBeGreaterThan(0);
    expect(new Set(channel.texts()).size).toBe(channel.texts().length);
    expect(bot.app.delivery.stats.retried).toBe(1);
  });

  it('resumes after a restart at the first piece not confirmed', async () => {
    const store = createMemoryStore();
    const now = new Date();
    const { bot, channel } = setup({ store });
    await bot.sessions.set('telegram:7', waiting(now, [plain('satu'), plain('dua'), plain('tiga')], { next: 1 }));
    expect(await bot.app.delivery.resume()).toBe(1);
    await bot.app.delivery.idle();
    expect(channel.texts()).toEqual(['dua', 'tiga']);
    expect((await bot.sessions.get('telegram:7'))?.outbox).toBeUndefined();
  });

  it('counts a piece a crash left in flight and never sends it again; the rest of the answer follows', async () => {
    const now = new Date();
    const { bot, channel } = setup();
    await bot.sessions.set('telegram:7', waiting(now, [plain('satu'), plain('dua'), plain('tiga')], { next: 1, sending: true }, { id: 'dead-process', until: now.getTime() - 1 }));
    await bot.app.delivery.resume();
    await bot.app.delivery.idle();
    expect(channel.texts()).toEqual(['tiga']);
    expect(bot.app.delivery.stats.unknown).toBe(1);
  });

  it('takes at once a queue a previous process left with a running lease: on a store of its own, that process died', async () => {
    const clock = { now: Date.parse('2026-12-01T02:00:00Z') };
    const { bot, channel } = setup({ clock });
    const now = new Date(clock.now);
    await bot.sessions.set('telegram:7', waiting(now, [plain('satu')], {}, { id: 'previous-process', until: clock.now + 30_000 }));
    await bot.app.delivery.resume();
    await bot.app.delivery.idle();
    expect(channel.texts()).toEqual(['satu']);
  });

  it('a person who blocked the bot is marked unreachable and their queue is dropped', async () => {
    const { bot, channel } = setup();
    channel.failures.push(new PlatformApiError('telegram', 'sendMessage', 403, 'Forbidden: bot was blocked by the user'));
    await bot.subscriptions.set('telegram:7', true, 'test', new Date());
    await bot.handle({ userKey: 'telegram:7', text: 'halo', replyAddress: '7' });
    await bot.app.delivery.idle();
    expect(channel.texts()).toEqual([]);
    expect(await bot.sessions.get('telegram:7')).toBeUndefined();
    expect((await bot.subscriptions.get('telegram:7'))?.subscribed).toBe(false);
  });

  it('a channel that does not deliver durably (the console) gets its replies back at once', async () => {
    const { bot } = setup();
    const replies = await bot.handle({ userKey: 'console:local', text: 'halo', replyAddress: 'x' });
    expect(replies.length).toBeGreaterThan(0);
  });
});
