/**
 * The embedded delivery queue: runs in the service's process, with every recipient's state in the keyv store
 * (SQLite by default). Per recipient: pending (no record) → `sending` (written before the send) → `sent` /
 * `failed` / `unreachable`. After a crash, a `sending` record without confirmation counts as `uncertain` and
 * is NOT sent again (at-most-once); everything still pending is resumed. One lane per channel, built from
 * its delivery profile; a channel with a daily cap is counted in the store per office day.
 */
import { setMaxListeners } from 'node:events';
import { channelOf } from '../../kernel/user-key.js';
import { localDate, sleep } from '../../lib/time.js';
import { buildLane, laneConcurrency, sendPaced, type Lane } from './lanes.js';
import { msUntilNextDay } from '../../lib/pacing.js';
import { settled, zeroCounts, type Broadcast, type Counts } from './schema.js';
import { beginBroadcast, finalRecord, pollLoop, scheduleOnce } from './scheduler.js';
import { broadcastReplies, channelSettings, reportUnreachable, stateOf, tally, type BroadcastWorker, type WorkerDeps } from './worker.js';

/** One broadcast being delivered by this process. */
interface Run {
  b: Broadcast;
  counts: Record<string, Counts>;
  cancelled: boolean;
  done: Promise<void>;
}

/** The in-process queue (no Redis). One per service process. */
export class LocalBroadcastQueue implements BroadcastWorker {
  private readonly runs = new Map<string, Run>();
  private readonly stopping = new AbortController();
  private readonly lanes = new Map<string, Lane>();
  private loop: Promise<void> | undefined;
  private readonly now: () => Date;

  constructor(private readonly deps: WorkerDeps) {
    this.now = deps.now ?? (() => new Date());
    // Every sender waits on this signal; dozens of listeners are expected.
    setMaxListeners(0, this.stopping.signal);
    for (const channel of deps.settings.channels) {
      this.lanes.set(channel.name, buildLane(channel, deps.random ? { random: deps.random } : {}));
    }
  }

  /** @inheritdoc */
  async start(): Promise<void> {
    if (this.loop) return;
    this.loop = pollLoop(() => this.tick(), this.deps.settings.pollMs, this.stopping.signal, this.deps.log);
  }

  /** @inheritdoc */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await Promise.allSettled([...this.runs.values()].map((r) => r.done));
  }

  /** Resolves when every broadcast this process is delivering has finished (tests, the bench). */
  async idle(): Promise<void> {
    while (this.runs.size > 0) await Promise.allSettled([...this.runs.values()].map((r) => r.done));
  }

  /** @inheritdoc */
  async tick(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const { repo } = this.deps;
    await scheduleOnce(repo, this.now, {
      due: async (b) => {
        if (this.runs.has(b.id)) return;
        const { running } = await beginBroadcast(this.deps, b, this.now());
        this.resume(running);
      },
      running: async (b) => {
        const run = this.runs.get(b.id);
        if (!run) this.resume(b);
        else if (!run.cancelled && (await repo.cancelRequest(b.id))) run.cancelled = true;
      },
    });
  }

  private resume(b: Broadcast): void {
    const run: Run = { b, counts: {}, cancelled: false, done: Promise.resolve() };
    run.done = this.deliver(run)
      .catch((err: unknown) => this.deps.log.error({ err, broadcast: b.id }, 'broadcast delivery stopped; resumed at the next start'))
      .finally(() => this.runs.delete(b.id));
    this.runs.set(b.id, run);
  }

  /** Deliver every pending recipient of `run.b`, flushing counts each second and reporting progress. */
  private async deliver(run: Run): Promise<void> {
    const { repo, log } = this.deps;
    const id = run.b.id;
    const recipients = (await repo.getRecipients(id))?.userKeys ?? [];
    const pending = new Map<string, string[]>();
    for (const channel of Object.keys(run.b.counts)) {
      run.counts[channel] = zeroCounts();
      pending.set(channel, []);
    }
    for (const userKey of recipients) {
      const channel = channelOf(userKey);
      const counts = channel ? run.counts[channel] : undefined;
      if (!channel || !counts) continue;
      counts.total += 1;
      const d = await repo.delivery(id, userKey);
      if (!d) pending.get(channel)?.push(userKey);
      else if (d.state === 'sending') {
        // Started before a crash, never confirmed: it may have arrived. Never send twice; report it.
        await repo.mark(id, userKey, 'uncertain', this.now());
        tally(counts, 'uncertain');
      } else tally(counts, d.state);
    }
    if (!run.cancelled && (await repo.cancelRequest(id))) run.cancelled = true;

    const flush = async (final: boolean): Promise<Broadcast> => {
      const current = (await repo.get(id)) ?? run.b;
      const counts: Broadcast['counts'] = { ...run.counts };
      const next = final ? await finalRecord(repo, current, counts, this.now()) : { ...current, counts };
      await repo.save(next);
      return next;
    };

    let lastProgress = Date.now();
    // The progress write in flight: awaited before the final write, which it must not overwrite.
    let progress: Promise<void> | undefined;
    const ticker = setInterval(() => {
      if (progress) return;
      progress = (async () => {
        if (!run.cancelled && (await repo.cancelRequest(id))) run.cancelled = true;
        const b = await flush(false);
        if (Date.now() - lastProgress >= this.deps.settings.progressEveryMs) {
          lastProgress = Date.now();
          await this.deps.report(b, false);
        }
      })()
        .catch((err: unknown) => log.warn({ err, broadcast: id }, 'broadcast progress not saved'))
        .finally(() => {
          progress = undefined;
        });
    }, 1000);

    try {
      const work: Promise<void>[] = [];
      for (const [channel, items] of pending) {
        const settings = channelSettings(this.deps.settings, channel);
        if (items.length === 0 || !settings) continue;
        const queue = { items, next: 0 };
        for (let i = 0; i < laneConcurrency(settings.delivery); i++) work.push(this.drain(run, channel, queue));
      }
      await Promise.all(work);
    } finally {
      clearInterval(ticker);
      await progress;
    }
    if (this.stopping.signal.aborted) {
      await flush(false);
      return; // the rest is resumed at the next start
    }
    const final = await flush(true);
    log.info({ broadcast: id, settled: Object.values(final.counts).reduce((n, c) => n + settled(c), 0) }, 'broadcast finished');
    await this.deps.report(final, true);
  }

  /** One sender: takes the next pending recipient of `channel` until none is left. */
  private async drain(run: Run, channel: string, queue: { items: string[]; next: number }): Promise<void> {
    const { repo } = this.deps;
    const signal = this.stopping.signal;
    const counts = run.counts[channel];
    const lane = this.lanes.get(channel);
    const cap = channelSettings(this.deps.settings, channel)?.delivery.dailyCap;
    if (!counts || !lane) return;
    const replies = broadcastReplies(run.b);
    while (queue.next < queue.items.length && !signal.aborted) {
      const userKey = queue.items[queue.next++];
      if (userKey === undefined) break;
      if (run.cancelled) {
        await repo.mark(run.b.id, userKey, 'skipped', this.now());
        tally(counts, 'skipped');
        continue;
      }
      if (cap !== undefined && !(await this.underDailyCap(run, channel, cap, signal))) break;
      const outcome = await sendPaced(lane, this.deps.send, userKey, replies, signal, {
        beforeFirstTry: async () => {
          await repo.mark(run.b.id, userKey, 'sending', this.now());
          if (cap !== undefined) await repo.countSent(channel, localDate(this.now(), this.deps.settings.timeZone));
        },
        ...(this.deps.random ? { random: this.deps.random } : {}),
      });
      const state = stateOf(outcome);
      if (!state) {
        if (outcome.kind === 'aborted' && !outcome.maybeDelivered) await repo.unmark(run.b.id, userKey);
        break;
      }
      if (outcome.kind === 'unreachable') await reportUnreachable(this.deps, userKey, outcome.code);
      await repo.mark(run.b.id, userKey, state, this.now(), 'code' in outcome ? outcome.code : undefined);
      tally(counts, state);
    }
  }

  /** Wait (abortably) until today's count of `channel` is under its cap, or the run is cancelled. False when stopping. */
  private async underDailyCap(run: Run, channel: string, cap: number, signal: AbortSignal): Promise<boolean> {
    const { settings, repo, log } = this.deps;
    for (;;) {
      if (run.cancelled) return true;
      const now = this.now();
      if ((await repo.sentOn(channel, localDate(now, settings.timeZone))) < cap) return true;
      const wait = msUntilNextDay(now, settings.timeZone) + 1000;
      log.info({ channel, waitMs: wait }, 'daily cap reached; the rest goes out tomorrow');
      // Re-checked every poll: a cancellation or a change of day is seen quickly.
      if (!(await sleep(Math.min(wait, settings.pollMs), signal))) return false;
    }
  }
}
