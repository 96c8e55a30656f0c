/**
 * A running Telegram channel (the real telegraf client) against the fake Bot API, over the real bot runtime
 * (or a stub host), with everything stopped by `stopAll()` in afterEach.
 */
import type { ChannelHost } from '../../src/kernel/channel.js';
import { TelegramChannel, type TelegramChannelOptions } from '../../src/channels/telegram/adapter.js';
import type { InboundMessage, Reply } from '../../src/kernel/message.js';
import { silentLogger } from '../../src/lib/log.js';
import type { TestBot as Bot } from '../support/app.js';
import { Translator } from '../../src/kernel/locale.js';
import { FakeTelegram, type FakeTelegramOptions } from '../support/fake-telegram.js';

const running: { stop(): Promise<void> }[] = [];

/** Stop every channel and fake started since the last call (channels first: they poll the fakes). */
export async function stopAll(): Promise<void> {
  const all = running.splice(0).reverse();
  for (const r of all) await r.stop();
}

/** Start a fake Bot API server. */
export async function startFake(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const fake = await FakeTelegram.start(opts);
  running.push({ stop: () => fake.close() });
  return fake;
}

/** Options for a channel against `fake`: fast retries, short waits. */
export function channelOptions(fake: FakeTelegram, extra: Partial<TelegramChannelOptions> = {}): TelegramChannelOptions {
  return {
    token: fake.token,
    apiRoot: fake.apiRoot,
    linkPreview: false,
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
    stopGraceMs: 2000,
    ...extra,
  };
}

/** Start a channel for `host` (attached to it when it is a Bot). */
export async function startChannel(
  fake: FakeTelegram,
  host: ChannelHost & { attach?: Bot['attach']; app?: Bot['app'] },
  extra: Partial<TelegramChannelOptions> = {},
): Promise<TelegramChannel> {
  // A real bot's staff commands come from its catalogue, as `npm start` passes them.
  const staffCommands = host.app ? host.app.catalogue.chatHelp(new Translator(host.app.locales, 'id')) : undefined;
  const channel = new TelegramChannel(channelOptions(fake, { ...(staffCommands ? { staffCommands } : {}), ...extra }));
  host.attach?.(channel);
  await channel.start(host);
  running.push({ stop: () => channel.stop() });
  return channel;
}

/** A host that answers with `answer(message)` and records what it was given. */
export function stubHost(answer: (m: InboundMessage) => Reply[] | Promise<Reply[]>): ChannelHost & { received: InboundMessage[]; unreachable: string[] } {
  const received: InboundMessage[] = [];
  const unreachable: string[] = [];
  return {
    received,
    unreachable,
    log: silentLogger(),
    handle: async (m) => {
      received.push(m);
      return answer(m);
    },
    isStaff: () => false,
    markUnreachable: async (key) => {
      unreachable.push(key);
    },
    alertStaff: async () => undefined,
  };
}

/** The real bot as a host, recording the messages the channel passed to it. */
export function recording(bot: Bot): { host: ChannelHost & { attach: Bot['attach'] }; received: InboundMessage[] } {
  const received: InboundMessage[] = [];
  const host = {
    log: bot.log,
    handle: (m: InboundMessage) => {
      received.push(m);
      return bot.handle(m);
    },
    isStaff: (key: string) => bot.isStaff(key),
    markUnreachable: (key: string, reason: string) => bot.markUnreachable(key, reason),
    alertStaff: (key: string, vars?: Record<string, string>) => bot.alertStaff(key, vars),
    attach: (channel: Parameters<Bot['attach']>[0]) => bot.attach(channel),
  };
  return { host, received };
}

/** Resolve with `probe()`'s first defined value, polling every 20 ms (for state outside the fake: the store). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
