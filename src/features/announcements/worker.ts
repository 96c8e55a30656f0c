/**
 * What every delivery worker (in-process or BullMQ) shares: its dependencies, the recipients snapshot taken
 * when a broadcast starts, and the outcome bookkeeping of one recipient. The rules of when a broadcast
 * starts, resumes or is cancelled are in `scheduler.ts`, written once for both backends.
 */
import type { Reply } from '../../kernel/message.js';
import { plain } from '../../kernel/message.js';
import { channelOf } from '../../kernel/user-key.js';
import type { Logger } from '../../lib/log.js';
import type { PushChannel } from './channels.js';
import type { SendFn, SendOutcome } from './lanes.js';
import type { BroadcastRepository } from './repository.js';
import { zeroCounts, type Broadcast, type Counts, type DeliveryState } from './schema.js';
import type { Subscriptions } from './state.js';

/** Limits and rhythms of delivery (from the channel registry and the configuration). */
export interface DeliverySettings {
  /** The channels that can push, each with its delivery profile (lanes are built from it). */
  channels: readonly PushChannel[];
  /** The office's time zone: a daily cap's day starts at its midnight. */
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
  /** Send to one person on the channel of their user key (the outbox's `sendTo`, without the channel's retry). */
  send: SendFn;
  /**
   * A send said this person cannot be reached, and the channel did not report it itself (a 400 "chat not
   * found"; a 403 the channel reports): the composition root wires it to the outbox's one unreachable hook,
   * which unsubscribes them. Absent: only the delivery is marked.
   */
  onUnreachable?(userKey: string, reason: string): Promise<void>;
  /** Whether channel `name` runs in this process; only its recipients are delivered here. */
  canSend(name: string): boolean;
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
  /** Resolves when nothing this process delivers is in flight (tests, shutdown). */
  idle?(): Promise<void>;
}

/** The message every recipient gets. */
export function broadcastReplies(b: Broadcast): Reply[] {
  return [plain(b.text)];
}

/** The registered channel `name`, if it is one. */
export function channelSettings(settings: DeliverySettings, name: string): PushChannel | undefined {
  return settings.channels.find((c) => c.name === name);
}

/** The subscribers of `b`'s channels that can be reached from this process, in a stable order. */
export async function snapshotRecipients(deps: WorkerDeps, b: Broadcast): Promise<{ userKeys: string[]; counts: Broadcast['counts'] }> {
  const userKeys: string[] = [];
  const counts: Broadcast['counts'] = {};
  for (const channel of b.channels) {
    if (channelSettings(deps.settings, channel) && deps.canSend(channel)) counts[channel] = zeroCounts();
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

/**
 * Tell the one unreachable hook, never failing the delivery for it. A 403 is not told: the channel reports it
 * itself (its `send` tells the host before throwing), and one event is told once. What only the worker knows
 * is final (a 400 "chat not found") is told here.
 */
export async function reportUnreachable(deps: WorkerDeps, userKey: string, code: number): Promise<void> {
  if (code === 403) return;
  try {
    await deps.onUnreachable?.(userKey, `broadcast ${code}`);
  } catch (err) {
    deps.log.warn({ err }, 'unreachable hook failed');
  }
}
