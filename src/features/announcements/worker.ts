/**
 * What every delivery worker (in-process or BullMQ) shares: its dependencies, the recipients snapshot taken
 * when a broadcast starts, and the outcome bookkeeping of one recipient.
 */
import type { Reply } from '../../kernel/message.js';
import { plain } from '../../kernel/message.js';
import type { Logger } from '../../lib/log.js';
import type { Subscriptions } from './state.js';
import type { SendFn, SendOutcome } from './lanes.js';
import type { BroadcastRepository } from './repository.js';
import { channelOf, zeroCounts, type Broadcast, type BroadcastChannel, type Counts, type DeliveryState } from './schema.js';

/** Limits and rhythms of delivery (from the configuration). */
export interface DeliverySettings {
  /** Telegram messages per second overall (BROADCAST_TELEGRAM_RATE). */
  telegramRate: number;
  /** Telegram sends in flight at once (default: rate / 5, at least 4). */
  telegramConcurrency?: number;
  whatsappMinGapMs: number;
  whatsappMaxGapMs: number;
  /** WhatsApp broadcast messages per office day (WHATSAPP_DAILY_CAP). */
  whatsappDailyCap: number;
  /** The office's time zone: the WhatsApp day starts at its midnight. */
  timeZone: string;
  /** Progress to the author at most this often (BROADCAST_PROGRESS_SECONDS). */
  progressEveryMs: number;
  /** How often the worker looks for queued, due or cancelled broadcasts. */
  pollMs: number;
}

/** What a delivery worker runs with. */
export interface WorkerDeps {
  repo: BroadcastRepository;
  subscriptions: Subscriptions;
  /** Send to one person on the channel of their user key (`bot.sendTo`). */
  send: SendFn;
  /** The platform says this person cannot be reached: unsubscribe them (`bot.markUnreachable`). */
  markUnreachable(userKey: string, reason: string): Promise<void>;
  /** Whether `channel` runs in this process; only its recipients are delivered here. */
  canSend(channel: BroadcastChannel): boolean;
  /** Tell the author how it goes (`final` once at the end). Best effort: must not throw. */
  report(b: Broadcast, final: boolean): Promise<void>;
  settings: DeliverySettings;
  log: Logger;
  now?: () => Date;
  random?: () => number;
}

/** One delivery worker: started by the service, stopped on SIGTERM. */
export interface BroadcastWorker {
  start(): Promise<void>;
  /** Stop sending; sends in flight finish and are recorded. Resolves when nothing is running. */
  stop(): Promise<void>;
  /** One look at the store: start due broadcasts, resume interrupted ones, apply cancellations. */
  tick(): Promise<void>;
}

/** The message every recipient gets. */
export function broadcastReplies(b: Broadcast): Reply[] {
  return [plain(b.text)];
}

/** The subscribers of `b`'s channels that can be reached from this process, in a stable order. */
export async function snapshotRecipients(deps: WorkerDeps, b: Broadcast): Promise<{ userKeys: string[]; counts: Broadcast['counts'] }> {
  const userKeys: string[] = [];
  const counts: Broadcast['counts'] = {};
  for (const channel of b.channels) {
    if (deps.canSend(channel)) counts[channel] = zeroCounts();
    else deps.log.warn({ broadcast: b.id, channel }, 'channel not running here: its subscribers are left out');
  }
  for await (const userKey of deps.subscriptions.active()) {
    const channel = channelOf(userKey);
    const c = channel ? counts[channel] : undefined;
    if (!c) continue;
    userKeys.push(userKey);
    c.total += 1;
  }
  userKeys.sort();
  return { userKeys, counts };
}

/** The final delivery state of an outcome (undefined when aborted). */
export function stateOf(outcome: SendOutcome): Exclude<DeliveryState, 'sending'> | undefined {
  switch (outcome.kind) {
    case 'sent':
      return 'sent';
    case 'unreachable':
      return 'unreachable';
    case 'failed':
      return 'failed';
    case 'aborted':
      return undefined;
  }
}

/** Add one final state to a tally. */
export function tally(c: Counts, state: Exclude<DeliveryState, 'sending'>): void {
  c[state] += 1;
}
