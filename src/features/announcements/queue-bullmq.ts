/**
 * The delivery queue on Redis (REDIS_URL), with BullMQ: one job per (broadcast, recipient) with the
 * deterministic id `broadcastId:userKey`, so a broadcast enqueued twice (two instances, a restart) is queued
 * once. BullMQ's worker limiter is kept in Redis, so every instance together stays under the rate.
 *
 * BullMQ is at-least-once (a stalled job runs again): each recipient is claimed in Redis with `SET NX` before
 * the send, so a job that runs again finds the claim and never sends twice; a claim left at `sending` (the
 * process died during the call) is counted `uncertain`. Counts are Redis hash increments, so every instance
 * adds to the same tally, and the one whose increment settles the last recipient writes the final report.
 */
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { setMaxListeners } from 'node:events';
import { localDate, sleep } from '../../lib/time.js';
import { ChatGap, GapPacer, msUntilNextDay } from './pacing.js';
import { sendPaced, type Lane } from './lanes.js';
import { BROADCAST_CHANNELS, channelOf, zeroCounts, type Broadcast, type BroadcastChannel, type Counts, type DeliveryState } from './schema.js';
import { broadcastReplies, snapshotRecipients, type BroadcastWorker, type WorkerDeps } from './worker.js';

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
  const i = userKey.indexOf(':');
  return `${broadcastId}:${userKey.slice(0, i)}:${userKey.slice(i + 1).replace(/:/g, '_')}`;
}

function connectionOptions(url: string): { url: string; maxRetriesPerRequest: null } {
  // BullMQ workers block on Redis; ioredis must not give up on their commands.
  return { url, maxRetriesPerRequest: null };
}

/**
 * BullMQ's limiter counts jobs per fixed window, shared by every instance. Windows of about 50 ms keep a burst
 * at a window edge small: any sliding second holds at most rate + rate/20 (25/s → 1 job per 40 ms).
 */
export function telegramLimiter(rate: number): { max: number; duration: number } {
  const max = Math.max(1, Math.floor(rate / 20));
  return { max, duration: Math.ceil((1000 * max) / rate) };
}

/** BullMQ delivery for several instances on one Redis. */
export class BullBroadcastQueue implements BroadcastWorker {
  private readonly queues: Record<BroadcastChannel, Queue<JobData>>;
  private readonly workers: Worker<JobData>[] = [];
  private readonly stopping = new AbortController();
  private readonly prefix: string;
  private readonly now: () => Date;
  private readonly perChat = new ChatGap(1000);
  private readonly waGap: GapPacer;
  private readonly cache = new Map<string, { b: Broadcast; cancelled: boolean; at: number }>();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly deps: WorkerDeps,
    opts: BullOptions,
  ) {
    this.prefix = opts.prefix ?? 'layanan-bq';
    this.now = deps.now ?? (() => new Date());
    this.waGap = new GapPacer(deps.settings.whatsappMinGapMs, deps.settings.whatsappMaxGapMs, deps.random);
    setMaxListeners(0, this.stopping.signal);
    const connection = connectionOptions(opts.redisUrl);
    this.queues = {
      telegram: new Queue<JobData>('broadcast-telegram', { connection, prefix: this.prefix }),
      whatsapp: new Queue<JobData>('broadcast-whatsapp', { connection, prefix: this.prefix }),
    };
    for (const q of Object.values(this.queues)) q.on('error', (err) => deps.log.warn({ err }, 'broadcast queue connection error'));
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
    // Only instances running a channel deliver on it (WhatsApp runs on the one instance holding its session).
    if (this.deps.canSend('telegram')) {
      this.workers.push(
        new Worker<JobData>('broadcast-telegram', (job) => this.process('telegram', job), {
          connection,
          prefix: this.prefix,
          concurrency: s.telegramConcurrency ?? Math.max(4, Math.ceil(s.telegramRate / 5)),
          limiter: telegramLimiter(s.telegramRate),
        }),
      );
    }
    if (this.deps.canSend('whatsapp')) {
      this.workers.push(
        new Worker<JobData>('broadcast-whatsapp', (job) => this.process('whatsapp', job), {
          connection,
          prefix: this.prefix,
          concurrency: 1,
          limiter: { max: 1, duration: Math.max(1, s.whatsappMinGapMs) },
        }),
      );
    }
    for (const w of this.workers) w.on('error', (err) => this.deps.log.warn({ err }, 'broadcast worker error'));
    const signal = this.stopping.signal;
    this.loop = (async () => {
      while (!signal.aborted) {
        await this.tick().catch((err: unknown) => this.deps.log.error({ err }, 'broadcast queue tick failed'));
        await sleep(s.pollMs, signal);
      }
    })();
  }

  /** @inheritdoc */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    // close() lets the jobs in flight finish (their outcome is recorded) and takes no new ones.
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled(Object.values(this.queues).map((q) => q.close()));
    await this.redis.quit().catch(() => undefined);
  }

  /** Remove every job and claim under this prefix (tests). */
  async obliterate(): Promise<void> {
    for (const q of Object.values(this.queues)) await q.obliterate({ force: true });
    const client = this.redis;
    const keys = await client.keys(`${this.prefix}:bc:*`);
    if (keys.length > 0) await client.del(...keys);
  }

  /** @inheritdoc */
  async tick(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const { repo } = this.deps;
    const client = this.redis;
    for (const b of await repo.list()) {
      if (b.status === 'queued') {
        const cancel = await repo.cancelRequest(b.id);
        if (cancel) {
          await repo.save({ ...b, status: 'cancelled', finishedAt: this.now().toISOString(), cancelledBy: cancel.by });
        } else if (!b.scheduledAt || Date.parse(b.scheduledAt) <= this.now().getTime()) {
          // One instance starts it; the others see it running next time.
          if ((await client.set(this.key('start', b.id), '1', 'EX', CLAIM_TTL_S, 'NX')) === 'OK') await this.begin(b);
        }
      } else if (b.status === 'running') {
        await this.follow(b);
      }
    }
  }

  /** Snapshot recipients, set the totals, enqueue one job per recipient. */
  private async begin(b: Broadcast): Promise<void> {
    const { userKeys, counts } = await snapshotRecipients(this.deps, b);
    const client = this.redis;
    await this.deps.repo.setRecipients(b.id, userKeys);
    const totals: Record<string, number> = { total: userKeys.length };
    for (const [channel, c] of Object.entries(counts)) totals[`${channel}:total`] = c.total;
    await client.hset(this.key('counts', b.id), totals);
    await this.deps.repo.save({ ...b, status: 'running', startedAt: this.now().toISOString(), counts });
    for (const channel of BROADCAST_CHANNELS) {
      const jobs = userKeys
        .filter((k) => channelOf(k) === channel)
        .map((userKey) => ({
          name: 'deliver',
          data: { broadcastId: b.id, userKey },
          opts: { jobId: jobId(b.id, userKey), removeOnComplete: true, removeOnFail: true, attempts: 1 },
        }));
      for (let i = 0; i < jobs.length; i += 500) await this.queues[channel].addBulk(jobs.slice(i, i + 500));
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
      if (!channel) continue;
      if ((await this.queues[channel].remove(jobId(id, userKey))) === 1) await this.settle(id, userKey, channel, 'skipped', true);
    }
  }

  private async readCounts(id: string): Promise<Broadcast['counts']> {
    const client = this.redis;
    const raw = await client.hgetall(this.key('counts', id));
    const out: Broadcast['counts'] = {};
    for (const channel of BROADCAST_CHANNELS) {
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
  private async process(channel: BroadcastChannel, job: Job<JobData>): Promise<void> {
    const { broadcastId: id, userKey } = job.data;
    const client = this.redis;
    const found = await this.broadcast(id);
    const claimKey = this.key('d', id, userKey);
    if (!found || found.cancelled || found.b.status === 'cancelled') {
      if ((await client.set(claimKey, 'skipped', 'EX', CLAIM_TTL_S, 'NX')) === 'OK') await this.settle(id, userKey, channel, 'skipped', false);
      return;
    }
    if (channel === 'whatsapp') {
      const s = this.deps.settings;
      const day = localDate(this.now(), s.timeZone);
      const dayKeyName = this.key('wa-day', day);
      if ((await client.incr(dayKeyName)) > s.whatsappDailyCap) {
        await client.decr(dayKeyName);
        const wait = msUntilNextDay(this.now(), s.timeZone) + 1000;
        this.deps.log.info({ waitMs: wait }, 'WhatsApp daily cap reached; the rest goes out tomorrow');
        await this.queues.whatsapp.rateLimit(wait);
        throw Worker.RateLimitError();
      }
      await client.expire(dayKeyName, 3 * 24 * 3600);
      await this.waGap.take(this.stopping.signal);
    }
    // Claim before sending: a job that runs again (stalled, restarted) finds the claim and never resends.
    if ((await client.set(claimKey, 'sending', 'EX', CLAIM_TTL_S, 'NX')) !== 'OK') {
      const state = await client.get(claimKey);
      if (state === 'sending' && (await client.set(claimKey, 'uncertain', 'EX', CLAIM_TTL_S, 'XX')) === 'OK') {
        await this.settle(id, userKey, channel, 'uncertain', true);
      }
      return;
    }
    let pausedUntil = 0;
    const lane: Lane = {
      channel,
      slot: async (key, signal) => {
        const wait = pausedUntil - Date.now();
        return (await sleep(wait, signal)) && (channel !== 'telegram' || (await this.perChat.take(key, signal)));
      },
      pause: (ms) => {
        pausedUntil = Date.now() + ms;
        // A 429 holds the whole queue, on every instance.
        void this.queues[channel].rateLimit(ms).catch(() => undefined);
      },
    };
    const outcome = await sendPaced(lane, this.deps.send, userKey, broadcastReplies(found.b), this.stopping.signal, {
      ...(this.deps.random ? { random: this.deps.random } : {}),
    });
    if (outcome.kind === 'aborted') {
      if (!outcome.maybeDelivered) await client.del(claimKey);
      throw new Error('stopping: the job goes back to the queue');
    }
    if (outcome.kind === 'unreachable') await this.deps.markUnreachable(userKey, `broadcast ${outcome.code}`).catch(() => undefined);
    await client.set(claimKey, outcome.kind, 'EX', CLAIM_TTL_S);
    await this.settle(id, userKey, channel, outcome.kind, true);
  }

  /** Count one settled recipient; the instance that settles the last one finishes the broadcast. */
  private async settle(id: string, userKey: string, channel: BroadcastChannel, state: Final, record: boolean): Promise<void> {
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
    const cancel = await this.deps.repo.cancelRequest(id);
    const final: Broadcast = {
      ...b,
      counts: await this.readCounts(id),
      status: cancel ? 'cancelled' : 'done',
      finishedAt: this.now().toISOString(),
      cancelledBy: cancel?.by ?? null,
    };
    await this.deps.repo.save(final);
    return final;
  }
}
