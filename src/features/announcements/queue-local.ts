/**
 * The embedded delivery queue: runs in the service's process, with every recipient's state in the keyv store
 * (SQLite by default). Per recipient: pending (no record) → `sending` (written before the send) → `sent` /
 * `failed` / `unreachable`. After a crash, a `sending` record without confirmation counts as `uncertain` and
 * is NOT sent again (at-most-once); everything still pending is resumed.
 */
import { setMaxListeners } from 'node:events';
import { localDate, sleep } from '../../lib/time.js';
import { msUntilNextDay } from './pacing.js';
import { sendPaced, telegramLane, whatsappLane, type Lane } from './lanes.js';
import { settled, zeroCounts, channelOf, type Broadcast, type BroadcastChannel, type Counts } from './schema.js';
import { broadcastReplies, snapshotRecipients, stateOf, tally, type BroadcastWorker, type WorkerDeps } from './worker.js';

/** Telegram senders in flight at once: enough to keep the rate with ~200 ms per call. */
function telegramConcurrency(rate: number): number {
  return Math.max(4, Math.ceil(rate / 5));
}

/** One broadcast being delivered by this process. */
interface Run {
  b: Broadcast;
  counts: Partial<Record<BroadcastChannel, Counts>>;
  cancelled: boolean;
  done: Promise<void>;
}

/** The in-process queue (no Redis). One per service process. */
export class LocalBroadcastQueue implements BroadcastWorker {
  private readonly runs = new Map<string, Run>();
  private readonly stopping = new AbortController();
  private readonly lanes: Record<BroadcastChannel, Lane>;
  private loop: Promise<void> | undefined;
  private readonly now: () => Date;

  constructor(private readonly deps: WorkerDeps) {
    this.now = deps.now ?? (() => new Date());
    // Every sender waits on this signal; dozens of listeners are expected.
    setMaxListeners(0, this.stopping.signal);
    const s = deps.settings;
    this.lanes = {
      telegram: telegramLane(s.telegramRate),
      whatsapp: whatsappLane(s.whatsappMinGapMs, s.whatsappMaxGapMs, deps.random),
    };
  }

  /** @inheritdoc */
  async start(): Promise<void> {
    if (this.loop) return;
    const signal = this.stopping.signal;
    this.loop = (async () => {
      while (!signal.aborted) {
        await this.tick().catch((err: unknown) => this.deps.log.error({ err }, 'broadcast queue tick failed'));
        await sleep(this.deps.settings.pollMs, signal);
      }
    })();
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
    for (const b of await repo.list()) {
      const run = this.runs.get(b.id);
      if (run) {
        if (!run.cancelled && (await repo.cancelRequest(b.id))) run.cancelled = true;
        continue;
      }
      if (b.status === 'queued') {
        const cancel = await repo.cancelRequest(b.id);
        if (cancel) {
          await repo.save({ ...b, status: 'cancelled', finishedAt: this.now().toISOString(), cancelledBy: cancel.by });
        } else if (!b.scheduledAt || Date.parse(b.scheduledAt) <= this.now().getTime()) {
          await this.begin(b);
        }
      } else if (b.status === 'running') {
        this.resume(b);
      }
    }
  }

  /** Snapshot the recipients, then deliver. */
  private async begin(b: Broadcast): Promise<void> {
    const { userKeys, counts } = await snapshotRecipients(this.deps, b);
    await this.deps.repo.setRecipients(b.id, userKeys);
    const running: Broadcast = { ...b, status: 'running', startedAt: this.now().toISOString(), counts };
    await this.deps.repo.save(running);
    this.deps.log.info({ broadcast: b.id, recipients: userKeys.length }, 'broadcast started');
    this.resume(running);
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
    const pending: Partial<Record<BroadcastChannel, string[]>> = {};
    for (const channel of Object.keys(run.b.counts) as BroadcastChannel[]) {
      run.counts[channel] = zeroCounts();
      pending[channel] = [];
    }
    for (const userKey of recipients) {
      const channel = channelOf(userKey);
      const counts = channel ? run.counts[channel] : undefined;
      if (!channel || !counts) continue;
      counts.total += 1;
      const d = await repo.delivery(id, userKey);
      if (!d) pending[channel]?.push(userKey);
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
      const next: Broadcast = final
        ? {
            ...current,
            counts,
            status: run.cancelled ? 'cancelled' : 'done',
            finishedAt: this.now().toISOString(),
            cancelledBy: run.cancelled ? ((await repo.cancelRequest(id))?.by ?? null) : null,
          }
        : { ...current, counts };
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
      const tg = pending.telegram;
      if (tg && tg.length > 0) {
        const queue = { items: tg, next: 0 };
        for (let i = 0; i < (this.deps.settings.telegramConcurrency ?? telegramConcurrency(this.deps.settings.telegramRate)); i++) {
          work.push(this.drain(run, 'telegram', queue));
        }
      }
      const wa = pending.whatsapp;
      if (wa && wa.length > 0) work.push(this.drain(run, 'whatsapp', { items: wa, next: 0 }));
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
  private async drain(run: Run, channel: BroadcastChannel, queue: { items: string[]; next: number }): Promise<void> {
    const { repo } = this.deps;
    const signal = this.stopping.signal;
    const counts = run.counts[channel];
    if (!counts) return;
    const replies = broadcastReplies(run.b);
    while (queue.next < queue.items.length && !signal.aborted) {
      const userKey = queue.items[queue.next++];
      if (userKey === undefined) break;
      if (run.cancelled) {
        await repo.mark(run.b.id, userKey, 'skipped', this.now());
        tally(counts, 'skipped');
        continue;
      }
      if (channel === 'whatsapp' && !(await this.underDailyCap(run, signal))) break;
      const outcome = await sendPaced(this.lanes[channel], this.deps.send, userKey, replies, signal, {
        beforeFirstTry: async () => {
          await repo.mark(run.b.id, userKey, 'sending', this.now());
          if (channel === 'whatsapp') await repo.countSent(localDate(this.now(), this.deps.settings.timeZone));
        },
        ...(this.deps.random ? { random: this.deps.random } : {}),
      });
      const state = stateOf(outcome);
      if (!state) {
        if (outcome.kind === 'aborted' && !outcome.maybeDelivered) await repo.unmark(run.b.id, userKey);
        break;
      }
      if (outcome.kind === 'unreachable') {
        await this.deps.markUnreachable(userKey, `broadcast ${outcome.code}`).catch(() => undefined);
      }
      await repo.mark(run.b.id, userKey, state, this.now(), 'code' in outcome ? outcome.code : undefined);
      tally(counts, state);
    }
  }

  /** Wait (abortably) until today's WhatsApp count is under the cap, or the run is cancelled. False when stopping. */
  private async underDailyCap(run: Run, signal: AbortSignal): Promise<boolean> {
    const { settings, repo, log } = this.deps;
    for (;;) {
      if (run.cancelled) return true;
      const now = this.now();
      if ((await repo.sentOn(localDate(now, settings.timeZone))) < settings.whatsappDailyCap) return true;
      const wait = msUntilNextDay(now, settings.timeZone) + 1000;
      log.info({ waitMs: wait }, 'WhatsApp daily cap reached; the rest goes out tomorrow');
      // Re-checked every poll: a cancellation or a change of day is seen quickly.
      if (!(await sleep(Math.min(wait, settings.pollMs), signal))) return false;
    }
  }
}
