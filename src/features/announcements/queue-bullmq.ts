/**
 * The delivery queue on Redis (REDIS_URL), with BullMQ: one job per (broadcast, recipient) with the
 * deterministic id `broadcastId:userKey`, so a broadcast enqueued twice (two instances, a restart) is queued
 * once. One queue and worker per channel, paced by its delivery profile: BullMQ's worker limiter (from the
 * profile's rate, or its least random gap) is kept in Redis, so every instance together stays under it.
 *
 * BullMQ is at-least-once (a stalled job runs again): each recipient is claimed in Redis with `SET NX` before
 * the send, so a job that runs again finds the claim and never sends twice; a claim left at `sending` (the
 * process died during the call) is counted `uncertain`. Counts are Redis hash increments, so every instance
 * adds to the same tally, and the one whose increment settles the last recipient writes the final report.
 */
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { setMaxListeners } from 'node:events';
import type { DeliveryProfile } from '../../kernel/channel.js';
import { channelOf, parseUserKey } from '../../kernel/user-key.js';
import { localDate, sleep } from '../../lib/time.js';
import { ChatGap, GapPacer, msUntilNextDay } from '../../lib/pacing.js';
import { laneConcurrency, sendPaced, type Lane } from './lanes.js';
import { zeroCounts, type Broadcast, type Counts, type DeliveryState } from './schema.js';
import { beginBroadcast, finalRecord, pollLoop, scheduleOnce } from './scheduler.js';
import { broadcastReplies, channelSettings, reportUnreachable, type BroadcastWorker, type WorkerDeps } from './worker.js';

/** Options of {@link BullBroadcastQueue}. */
export interface BullOptions {
  redisUrl: string;
  /** Key prefix of the queues and claims (tests use their own). */
  prefix?: string;
}

interface JobData {
  broadcastId: string;
  userKey: string;
}

type Final = Exclude<DeliveryState, 'sending'>;
const FINAL_STATES: readonly Final[] = ['sent', 'failed', 'unreachable', 'uncertain', 'skipped'];
const CLAIM_TTL_S = 30 * 24 * 3600;

/** The job id of one recipient of one broadcast (BullMQ refuses other colon counts than two). */
export function jobId(broadcastId: string, userKey: string): string {
  const key = parseUserKey(userKey) ?? { channel: 'x', id: userKey };
  return `${broadcastId}:${key.channel}:${key.id.replace(/:/g, '_')}`;
}

/** The BullMQ queue of a channel. */
const queueName = (channel: string): string => `broadcast-${channel}`;

function connectionOptions(url: string): { url: string; maxRetriesPerRequest: null } {
  // BullMQ workers block on Redis; ioredis must not give up on their commands.
  return { url, maxRetriesPerRequest: null };
}

/**
 * BullMQ's limiter counts jobs per fixed window, shared by every instance. Windows of about 50 ms keep a burst
 * at a window edge small: any sliding second holds at most rate + rate/20 (25/s → 1 job per 40 ms).
 */
export function rateLimiter(rate: number): { max: number; duration: number } {
  const max = Math.max(1, Math.floor(rate / 20));
  return { max, duration: Math.ceil((1000 * max) / rate) };
}

/** The worker limiter of a delivery profile: from its rate, else one job per least random gap, else none. */
export function limiterOf(profile: DeliveryProfile): { max: number; duration: number } | undefined {
  if (profile.ratePerSecond !== undefined && profile.ratePerSecond > 0) return rateLimiter(profile.ratePerSecond);
  if (profile.randomGapMs) return { max: 1, duration: Math.max(1, profile.randomGapMs.min) };
  return undefined;
}

/** BullMQ delivery for several instances on one Redis. */
export class BullBroadcastQueue implements BroadcastWorker {
  private readonly queues = new Map<string, Queue<JobData>>();
  private readonly workers: Worker<JobData>[] = [];
  private readonly stopping = new AbortController();
  private readonly prefix: string;
  private readonly now: () => Date;
  /** Per channel: the gap between two messages to one chat, and the random gap between sends, in this process. */
  private readonly perChat = new Map<string, ChatGap>();
  private readonly gaps = new Map<string, GapPacer>();
  private readonly cache = new Map<string, { b: Broadcast; cancelled: boolean; at: number }>();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly deps: WorkerDeps,
    opts: BullOptions,
  ) {
    this.prefix = opts.prefix ?? 'layanan-bq';
    this.now = deps.now ?? (() => new Date());
    setMaxListeners(0, this.stopping.signal);
    const connection = connectionOptions(opts.redisUrl);
    for (const { name, delivery } of deps.settings.channels) {
      const q = new Queue<JobData>(queueName(name), { connection, prefix: this.prefix });
      q.on('error', (err) => deps.log.warn({ err, channel: name }, 'broadcast queue connection error'));
      this.queues.set(name, q);
      if (delivery.perChatGapMs) this.perChat.set(name, new ChatGap(delivery.perChatGapMs));
      if (delivery.randomGapMs) this.gaps.set(name, new GapPacer(delivery.randomGapMs.min, delivery.randomGapMs.max, deps.random));
    }
    this.redisUrl = opts.redisUrl;
    // Claims and counts go through a client of our own (BullMQ's clients are busy blocking on jobs).
    this.redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 3 });
    this.redis.on('error', (err) => deps.log.warn({ err }, 'broadcast redis error'));
  }

  private readonly redisUrl: string;
  private readonly redis: Redis;

  private key(...parts: string[]): string {
    return `${this.prefix}:bc:${parts.join(':')}`;
  }

  /** @inheritdoc */
  async start(): Promise<void> {
    if (this.loop) return;
    const s = this.deps.settings;
    const connection = connectionOptions(this.redisUrl);
    // Only instances running a channel deliver on it (a channel may run on the one instance holding its session).
    for (const { name, delivery } of s.channels) {
      if (!this.deps.canSend(name)) continue;
      const limiter = limiterOf(delivery);
      this.workers.push(
        new Worker<JobData>(queueName(name), (job) => this.process(name, job), {
          connection,
          prefix: this.prefix,
          concurrency: laneConcurrency(delivery),
          ...(limiter ? { limiter } : {}),
        }),
      );
    }
    for (const w of this.workers) w.on('error', (err) => this.deps.log.warn({ err }, 'broadcast worker error'));
    this.loop = pollLoop(() => this.tick(), s.pollMs, this.stopping.signal, this.deps.log);
  }

  /** @inheritdoc */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    // close() lets the jobs in flight finish (their outcome is recorded) and takes no new ones.
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    await this.redis.quit().catch(() => undefined);
  }

  /** Remove every job and claim under this prefix (tests). */
  async obliterate(): Promise<void> {
    for (const q of this.queues.values()) await q.obliterate({ force: true });
    const client = this.redis;
    const keys = await client.keys(`${this.prefix}:bc:*`);
    if (keys.length > 0) await client.del(...keys);
  }

  /** @inheritdoc */
  async tick(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const client = this.redis;
    await scheduleOnce(this.deps.repo, this.now, {
      // One instance starts it; the others see it running next time.
      due: async (b) => {
        if ((await client.set(this.key('start', b.id), '1', 'EX', CLAIM_TTL_S, 'NX')) === 'OK') await this.begin(b);
      },
      running: (b) => this.follow(b),
    });
  }

  /** Snapshot recipients, set the totals, enqueue one job per recipient. */
  private async begin(b: Broadcast): Promise<void> {
    // The tallies exist before the record says `running`: another instance follows it from them.
    const { userKeys } = await beginBroadcast(this.deps, b, this.now(), async ({ userKeys: keys, counts }) => {
      const totals: Record<string, number> = { total: keys.length };
      for (const [channel, c] of Object.entries(counts)) totals[`${channel}:total`] = c.total;
      await this.redis.hset(this.key('counts', b.id), totals);
    });
    for (const [channel, queue] of this.queues) {
      const jobs = userKeys
        .filter((k) => channelOf(k) === channel)
        .map((userKey) => ({
          name: 'deliver',
          data: { broadcastId: b.id, userKey },
          opts: { jobId: jobId(b.id, userKey), removeOnComplete: true, removeOnFail: true, attempts: 1 },
        }));
      for (let i = 0; i < jobs.length; i += 500) await queue.addBulk(jobs.slice(i, i + 500));
    }
    this.deps.log.info({ broadcast: b.id, recipients: userKeys.length }, 'broadcast enqueued');
    if (userKeys.length === 0) await this.finish(b.id);
  }

  /** Counts from Redis into the record; progress to the author (one instance per period); cancellation. */
  private async follow(b: Broadcast): Promise<void> {
    const client = this.redis;
    const counts = await this.readCounts(b.id);
    const changed = JSON.stringify(counts) !== JSON.stringify(b.counts);
    const next = { ...b, counts };
    const doneKey = this.key('done', b.id);
    if (changed && !(await client.exists(doneKey))) {
      await this.deps.repo.save(next);
      // keyv has no compare-and-set: if another instance finished it meanwhile, our write may have hidden
      // its final record; write the final one again (from the same Redis counts).
      if (await client.exists(doneKey)) await this.writeFinal(b.id);
    }
    const cancel = await this.deps.repo.cancelRequest(b.id);
    if (cancel && (await client.set(this.key('cancelling', b.id), '1', 'EX', CLAIM_TTL_S, 'NX')) === 'OK') {
      await this.dropWaiting(b.id);
    }
    const every = this.deps.settings.progressEveryMs;
    if ((await client.set(this.key('progress', b.id), '1', 'PX', every, 'NX')) === 'OK' && b.startedAt && Date.now() - Date.parse(b.startedAt) >= every) {
      await this.deps.report(next, false);
    }
  }

  /** Cancelled: remove the jobs still waiting, counting them skipped (a job already running settles itself). */
  private async dropWaiting(id: string): Promise<void> {
    const recipients = (await this.deps.repo.getRecipients(id))?.userKeys ?? [];
    for (const userKey of recipients) {
      const channel = channelOf(userKey);
      const queue = channel ? this.queues.get(channel) : undefined;
      if (!channel || !queue) continue;
      if ((await queue.remove(jobId(id, userKey))) === 1) await this.settle(id, userKey, channel, 'skipped', true);
    }
  }

  private async readCounts(id: string): Promise<Broadcast['counts']> {
    const client = this.redis;
    const raw = await client.hgetall(this.key('counts', id));
    const out: Broadcast['counts'] = {};
    const channels = new Set(Object.keys(raw).flatMap((k) => (k.endsWith(':total') ? [k.slice(0, -':total'.length)] : [])));
    for (const channel of [...channels].sort()) {
      if (raw[`${channel}:total`] === undefined) continue;
      const c: Counts = zeroCounts(Number(raw[`${channel}:total`]));
      for (const s of FINAL_STATES) c[s] = Number(raw[`${channel}:${s}`] ?? 0);
      out[channel] = c;
    }
    return out;
  }

  private async broadcast(id: string): Promise<{ b: Broadcast; cancelled: boolean } | undefined> {
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < 1000) return hit;
    const b = await this.deps.repo.get(id);
    if (!b) return undefined;
    const entry = { b, cancelled: Boolean(await this.deps.repo.cancelRequest(id)), at: Date.now() };
    this.cache.set(id, entry);
    return entry;
  }

  /** One job: one recipient. */
  private async process(channel: string, job: Job<JobData>): Promise<void> {
    const { broadcastId: id, userKey } = job.data;
    const client = this.redis;
    const found = await this.broadcast(id);
    const claimKey = this.key('d', id, userKey);
    if (!found || found.cancelled || found.b.status === 'cancelled') {
      if ((await client.set(claimKey, 'skipped', 'EX', CLAIM_TTL_S, 'NX')) === 'OK') await this.settle(id, userKey, channel, 'skipped', false);
      return;
    }
    const profile = channelSettings(this.deps.settings, channel)?.delivery ?? {};
    const queue = this.queues.get(channel);
    if (profile.dailyCap !== undefined) {
      const s = this.deps.settings;
      const day = localDate(this.now(), s.timeZone);
      const dayKeyName = this.key('day', channel, day);
      if ((await client.incr(dayKeyName)) > profile.dailyCap) {
        await client.decr(dayKeyName);
        const wait = msUntilNextDay(this.now(), s.timeZone) + 1000;
        this.deps.log.info({ channel, waitMs: wait }, 'daily cap reached; the rest goes out tomorrow');
        await queue?.rateLimit(wait);
        throw Worker.RateLimitError();
      }
      await client.expire(dayKeyName, 3 * 24 * 3600);
    }
    await this.gaps.get(channel)?.take(this.stopping.signal);
    // Claim before sending: a job that runs again (stalled, restarted) finds the claim and never resends.
    if ((await client.set(claimKey, 'sending', 'EX', CLAIM_TTL_S, 'NX')) !== 'OK') {
      const state = await client.get(claimKey);
      if (state === 'sending' && (await client.set(claimKey, 'uncertain', 'EX', CLAIM_TTL_S, 'XX')) === 'OK') {
        await this.settle(id, userKey, channel, 'uncertain', true);
      }
      return;
    }
    let pausedUntil = 0;
    const perChat = this.perChat.get(channel);
    // The limiter in Redis paces every instance together; this process's budget puts its replies first.
    const budget = this.deps.settings.channels.find((c) => c.name === channel)?.budget;
    const lane: Lane = {
      channel,
      slot: async (key, signal) => {
        const wait = pausedUntil - Date.now();
        if (!(await sleep(wait, signal))) return false;
        return budget ? budget.take(key, 'broadcast', signal) : !perChat || (await perChat.take(key, signal));
      },
      pause: (ms) => {
        pausedUntil = Date.now() + ms;
        budget?.pause(ms);
        // A 429 holds the whole queue, on every instance.
        void queue?.rateLimit(ms).catch(() => undefined);
      },
    };
    const outcome = await sendPaced(lane, this.deps.send, userKey, broadcastReplies(found.b), this.stopping.signal, {
      ...(this.deps.random ? { random: this.deps.random } : {}),
    });
    if (outcome.kind === 'aborted') {
      if (!outcome.maybeDelivered) await client.del(claimKey);
      throw new Error('stopping: the job goes back to the queue');
    }
    if (outcome.kind === 'unreachable') await reportUnreachable(this.deps, userKey, outcome.code);
    await client.set(claimKey, outcome.kind, 'EX', CLAIM_TTL_S);
    await this.settle(id, userKey, channel, outcome.kind, true);
  }

  /** Count one settled recipient; the instance that settles the last one finishes the broadcast. */
  private async settle(id: string, userKey: string, channel: string, state: Final, record: boolean): Promise<void> {
    const client = this.redis;
    if (record) await this.deps.repo.mark(id, userKey, state, this.now());
    const [, settledRes, totalRes] = (await client
      .multi()
      .hincrby(this.key('counts', id), `${channel}:${state}`, 1)
      .hincrby(this.key('counts', id), 'settled', 1)
      .hget(this.key('counts', id), 'total')
      .exec()) ?? [];
    const settledCount = Number(settledRes?.[1] ?? 0);
    const total = Number(totalRes?.[1] ?? -1);
    if (settledCount === total) await this.finish(id);
  }

  private async finish(id: string): Promise<void> {
    if ((await this.redis.set(this.key('done', id), '1', 'EX', CLAIM_TTL_S, 'NX')) !== 'OK') return;
    const final = await this.writeFinal(id);
    if (!final) return;
    this.deps.log.info({ broadcast: id }, 'broadcast finished');
    await this.deps.report(final, true);
  }

  /** Write the final record of `id` from the Redis counts. */
  private async writeFinal(id: string): Promise<Broadcast | undefined> {
    const b = await this.deps.repo.get(id);
    if (!b) return undefined;
    const final = await finalRecord(this.deps.repo, b, await this.readCounts(id), this.now());
    await this.deps.repo.save(final);
    return final;
  }
}
