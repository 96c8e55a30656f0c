/**
 * The outbox: every message the bot sends outside a reply to a turn goes through here (staff notices, status
 * changes told to citizens, announcements, operational alerts). It knows the running channels, routes a user
 * key to its channel, knows where staff notices go, and carries the one "unreachable" hook: a platform that
 * says a person cannot be reached reports it once, and every feature that cares listens.
 */
import type { Channel, SendOptions } from '../kernel/channel.js';
import type { OutboxPort, StaffNotice } from '../kernel/feature.js';
import { Translator, type Locales } from '../kernel/locale.js';
import type { Reply, SendReceipt } from '../kernel/message.js';
import { channelOf } from '../kernel/user-key.js';
import { ChannelUnavailable } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';

/** Who staff are, from the channel modules' allow-lists. */
export interface StaffDirectory {
  /** Whether this user key is on a staff allow-list (by platform id, never by display name). */
  isStaff(userKey: string): boolean;
  /** Where staff notices go: the staff chats where configured, else every allow-listed key. */
  noticeKeys(): string[];
}

/** A listener of the unreachable hook. */
export type UnreachableListener = (userKey: string, reason: string, now: Date) => Promise<void>;

/** What the outbox is built from. */
export interface OutboxDeps {
  staff: StaffDirectory;
  locales: Locales;
  log: Logger;
  now?: () => Date;
}

/** Sends outside turns; implements the features' `OutboxPort`. */
export class Outbox implements OutboxPort {
  private readonly channels = new Map<string, Channel>();
  private readonly unreachable: UnreachableListener[] = [];
  private readonly now: () => Date;

  constructor(private readonly deps: OutboxDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Make a channel reachable under its user-key namespace. */
  attach(channel: Channel): void {
    this.channels.set(channel.name, channel);
  }

  /** Forget a channel that could not start, so notices and broadcasts do not wait on it. */
  detach(name: string): void {
    this.channels.delete(name);
  }

  /** @inheritdoc */
  canSend(channel: string): boolean {
    return this.channels.has(channel);
  }

  /** The running channel of that name, if it runs here. */
  channel(name: string): Channel | undefined {
    return this.channels.get(name);
  }

  /** Names of the running channels. */
  running(): string[] {
    return [...this.channels.keys()];
  }

  /**
   * Send to a person on the channel of their key.
   * @throws PlatformApiError / NetworkError from the channel; ChannelUnavailable when it does not run here.
   */
  async sendTo(userKey: string, replies: readonly Reply[], opts?: SendOptions): Promise<SendReceipt[]> {
    const name = channelOf(userKey) ?? '?';
    const channel = this.channels.get(name);
    if (!channel) throw new ChannelUnavailable(name);
    return channel.send(userKey, replies, opts);
  }

  /** @inheritdoc */
  async notifyStaff(replies: readonly Reply[]): Promise<StaffNotice> {
    const notice: StaffNotice = { delivered: 0, receipts: [] };
    for (const key of this.deps.staff.noticeKeys()) {
      try {
        notice.receipts.push({ to: key, receipts: await this.sendTo(key, replies) });
        notice.delivered += 1;
      } catch (err) {
        this.deps.log.warn({ err, to: key }, 'staff notification not delivered');
      }
    }
    return notice;
  }

  /** Tell staff an operational alert (`alert.<key>` in the locales, in Indonesian). Best effort. */
  async alertStaff(key: string, vars: Record<string, string> = {}): Promise<void> {
    const reply = new Translator(this.deps.locales, 'id').reply(`alert.${key}`, vars);
    const { delivered } = await this.notifyStaff([reply]);
    if (delivered === 0) this.deps.log.warn({ alert: key }, 'staff alert reached nobody');
  }

  /** Listen to the unreachable hook. */
  onUnreachable(listener: UnreachableListener): void {
    this.unreachable.push(listener);
  }

  /**
   * A platform says `userKey` cannot be reached (blocked the bot, deleted account). Every listener hears it
   * once; one listener failing does not keep the others from it.
   */
  async markUnreachable(userKey: string, reason: string): Promise<void> {
    const now = this.now();
    const results = await Promise.allSettled(this.unreachable.map((l) => l(userKey, reason, now)));
    for (const r of results) if (r.status === 'rejected') this.deps.log.warn({ err: r.reason }, 'unreachable listener failed');
  }
}
