/**
 * The announcements feature on its own, for its unit tests: a memory store, the office and locale files,
 * and an outbox over in-memory channels (no Bot, no composition root).
 */
import { fileURLToPath } from 'node:url';
import { createAnnouncements, type AnnouncementSettings, type AnnouncementsRuntime } from '../../src/features/announcements/index.js';
import type { PushChannel } from '../../src/features/announcements/channels.js';
import type { DeliverySettings } from '../../src/features/announcements/worker.js';
import type { Channel } from '../../src/kernel/channel.js';
import type { FeaturePorts, OutboxPort, StaffNotice } from '../../src/kernel/feature.js';
import { loadLocales, type Locales } from '../../src/kernel/locale.js';
import { replyText, type Reply, type SendReceipt } from '../../src/kernel/message.js';
import { loadOffice, type OfficeData } from '../../src/kernel/office.js';
import { channelOf } from '../../src/kernel/user-key.js';
import { ChannelUnavailable, PlatformApiError } from '../../src/lib/errors.js';
import { silentLogger } from '../../src/lib/log.js';
import { createMemoryStore, type Store } from '../../src/store/store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let files: { office: OfficeData; locales: Locales } | undefined;

/** The office file and locales of the repository (read once). */
export function knowledgeFiles(): { office: OfficeData; locales: Locales } {
  files ??= { office: loadOffice(`${ROOT}offices/tabanan.json`), locales: loadLocales(`${ROOT}locales`) };
  return files;
}

/** The two push channels of production, with test paces (tests may name platforms; the feature never does). */
export function testChannels(over: { rate?: number; minGapMs?: number; maxGapMs?: number; dailyCap?: number } = {}): PushChannel[] {
  const rate = over.rate ?? 200;
  return [
    { name: 'telegram', label: 'Telegram', delivery: { ratePerSecond: rate, concurrency: Math.max(4, Math.ceil(rate / 5)), perChatGapMs: 1000 } },
    { name: 'whatsapp', label: 'WhatsApp', delivery: { randomGapMs: { min: over.minGapMs ?? 1, max: over.maxGapMs ?? 5 }, dailyCap: over.dailyCap ?? 1000 } },
  ];
}

/** Delivery settings over `channels`. */
export function testDelivery(channels: readonly PushChannel[], over: Partial<DeliverySettings> = {}): DeliverySettings {
  return { channels, timeZone: 'Asia/Makassar', progressEveryMs: 60_000, pollMs: 20, ...over };
}

/** An outbox over channels attached to it. */
export class TestOutbox implements OutboxPort {
  readonly channels = new Map<string, Channel>();
  attach(channel: Channel): void {
    this.channels.set(channel.name, channel);
  }
  canSend(name: string): boolean {
    return this.channels.has(name);
  }
  /** The one unreachable hook (the composition root's), told by the channel itself on a 403 as real channels do. */
  unreachable: ((userKey: string, reason: string) => Promise<void>) | undefined;
  async sendTo(userKey: string, replies: readonly Reply[], opts?: { retry?: boolean }): Promise<SendReceipt[]> {
    const name = channelOf(userKey) ?? '?';
    const channel = this.channels.get(name);
    if (!channel) throw new ChannelUnavailable(name);
    try {
      return await channel.send(userKey, replies, opts);
    } catch (err) {
      if (err instanceof PlatformApiError && err.code === 403) await this.unreachable?.(userKey, err.description);
      throw err;
    }
  }
  async notifyStaff(): Promise<StaffNotice> {
    return { delivered: 0, receipts: [] };
  }
}

/** A channel that records what it was asked to send; `fail(userKey)` may throw a platform error. */
export function memoryChannel(name: string, fail: (userKey: string) => Error | undefined = () => undefined): Channel & { sent: { to: string; text: string; at: number }[] } {
  const sent: { to: string; text: string; at: number }[] = [];
  return {
    name,
    sent,
    start: async () => undefined,
    stop: async () => undefined,
    send: async (userKey: string, replies: readonly Reply[]) => {
      await new Promise((r) => setTimeout(r, 1));
      const err = fail(userKey);
      if (err) throw err;
      sent.push({ to: userKey, text: replies.map(replyText).join('\n'), at: Date.now() });
      return [];
    },
  };
}

/** The feature built on a memory store (or `store`), its outbox, and the unreachable hook wired as the root does. */
export function testAnnouncements(
  opts: { store?: Store; channels?: PushChannel[]; now?: () => Date; settings?: Partial<AnnouncementSettings> } = {},
): { ann: AnnouncementsRuntime; outbox: TestOutbox; ports: FeaturePorts } {
  const { office, locales } = knowledgeFiles();
  const outbox = new TestOutbox();
  const now = opts.now ?? (() => new Date());
  const ports: FeaturePorts = { store: opts.store ?? createMemoryStore(), office, locales, log: silentLogger(), outbox, now };
  // As the composition root does: the channels and the worker tell the outbox's one hook, which the feature hears.
  const hook = (userKey: string, reason: string): Promise<void> => ann.onUnreachable(userKey, reason, now());
  outbox.unreachable = hook;
  const ann: AnnouncementsRuntime = createAnnouncements(ports, {
    channels: opts.channels ?? testChannels(),
    progressEveryMs: 60_000,
    pollMs: 20,
    onUnreachable: hook,
    ...opts.settings,
  });
  return { ann, outbox, ports };
}
