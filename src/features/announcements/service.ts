/**
 * What staff commands and the CLI do with broadcasts: count the audience, queue a broadcast, cancel it, read
 * its progress. Nothing here sends: the delivery worker of the running service picks queued broadcasts from
 * the store (the same store the CLI writes to).
 */
import { channelOf } from '../../kernel/user-key.js';
import type { Subscriptions } from './state.js';
import { newBroadcastId, type BroadcastRepository } from './repository.js';
import { zeroCounts, type Broadcast } from './schema.js';

/** What to queue. */
export interface NewBroadcast {
  text: string;
  /** Channel names (checked against the registry by the staff operations). */
  channels: readonly string[];
  createdBy: string;
  scheduledAt: Date | null;
}

/** Compose, preview, confirm, cancel and follow broadcasts. */
export class BroadcastService {
  constructor(
    readonly repo: BroadcastRepository,
    private readonly subscriptions: Subscriptions,
  ) {}

  /** Active subscribers per channel name, for each of `channels` (the preview's recipient numbers). */
  async audience(channels: readonly string[]): Promise<Record<string, number>> {
    const counts: Record<string, number> = Object.fromEntries(channels.map((c) => [c, 0]));
    for await (const userKey of this.subscriptions.active()) {
      const channel = channelOf(userKey);
      const n = channel === undefined ? undefined : counts[channel];
      if (channel !== undefined && n !== undefined) counts[channel] = n + 1;
    }
    return counts;
  }

  /** Queue a broadcast; the worker starts it at `scheduledAt` (or at once). */
  async queue(req: NewBroadcast, now: Date): Promise<Broadcast> {
    const b: Broadcast = {
      id: newBroadcastId(now),
      text: req.text,
      channels: [...new Set(req.channels)],
      createdBy: req.createdBy,
      createdAt: now.toISOString(),
      scheduledAt: req.scheduledAt ? req.scheduledAt.toISOString() : null,
      status: 'queued',
      startedAt: null,
      finishedAt: null,
      counts: {},
      cancelledBy: null,
    };
    await this.repo.save(b);
    return b;
  }

  /**
   * Ask the worker to stop broadcast `id` (or the newest one still queued or running).
   * @returns the broadcast, or undefined when there is nothing to cancel.
   */
  async cancel(id: string | undefined, by: string, now: Date): Promise<Broadcast | undefined> {
    const candidates = id ? [await this.repo.get(id)] : await this.repo.list();
    const b = candidates.find((x) => x && (x.status === 'queued' || x.status === 'running'));
    if (!b) return undefined;
    await this.repo.requestCancel(b.id, by, now);
    return b;
  }

  /** Broadcast `id`, or the newest. */
  status(id?: string): Promise<Broadcast | undefined> {
    return this.repo.find(id);
  }
}

/** Totals over every channel of a broadcast (before it starts: zero of zero). */
export function totals(b: Broadcast): ReturnType<typeof zeroCounts> {
  const sum = zeroCounts();
  for (const c of Object.values(b.counts)) {
    sum.total += c.total;
    sum.sent += c.sent;
    sum.failed += c.failed;
    sum.unreachable += c.unreachable;
    sum.uncertain += c.uncertain;
    sum.skipped += c.skipped;
  }
  return sum;
}
