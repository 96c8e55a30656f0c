/**
 * The lifecycle rules of a broadcast, written once for both delivery backends (in-process and BullMQ):
 * - `queued` with a cancellation asked → `cancelled` (nothing was sent);
 * - `queued` and due (no `scheduledAt`, or it has come) → start: snapshot the recipients, then `running`;
 * - `running` → the backend resumes or follows it (it was interrupted, or another instance runs it);
 * - the final record: `done`, or `cancelled` with who asked, and the counts.
 * Backends differ only in how they deliver (`start`, `running`) and claim work across instances.
 */
import { sleep } from '../../lib/time.js';
import type { Logger } from '../../lib/log.js';
import type { BroadcastRepository } from './repository.js';
import type { Broadcast } from './schema.js';
import { snapshotRecipients, type WorkerDeps } from './worker.js';

/** What a backend does with the broadcasts the scheduler hands it. */
export interface SchedulerHooks {
  /** A queued broadcast is due: start it (a backend shared by instances claims it first). */
  due(b: Broadcast): Promise<void>;
  /** A running broadcast: resume it here, or follow its progress. */
  running(b: Broadcast): Promise<void>;
}

/** Whether a queued broadcast may start at `now`. */
export function isDue(b: Broadcast, now: Date): boolean {
  return !b.scheduledAt || Date.parse(b.scheduledAt) <= now.getTime();
}

/** One look at every broadcast: apply the lifecycle rules, hand the due and the running ones to the backend. */
export async function scheduleOnce(repo: BroadcastRepository, now: () => Date, hooks: SchedulerHooks): Promise<void> {
  for (const b of await repo.list()) {
    if (b.status === 'queued') {
      const cancel = await repo.cancelRequest(b.id);
      if (cancel) await repo.save({ ...b, status: 'cancelled', finishedAt: now().toISOString(), cancelledBy: cancel.by });
      else if (isDue(b, now())) await hooks.due(b);
    } else if (b.status === 'running') {
      await hooks.running(b);
    }
  }
}

/** Run `tick` every `pollMs` until `signal` aborts; a failed tick is logged and the next one runs. */
export async function pollLoop(tick: () => Promise<void>, pollMs: number, signal: AbortSignal, log: Logger): Promise<void> {
  while (!signal.aborted) {
    await tick().catch((err: unknown) => log.error({ err }, 'broadcast queue tick failed'));
    await sleep(pollMs, signal);
  }
}

/**
 * Start `b`: snapshot its recipients (the subscribers at this moment) and store it `running`. `prepare` runs
 * before the record says `running` (a shared backend sets up its tallies there, before others follow it).
 */
export async function beginBroadcast(
  deps: WorkerDeps,
  b: Broadcast,
  now: Date,
  prepare?: (snapshot: { userKeys: string[]; counts: Broadcast['counts'] }) => Promise<void>,
): Promise<{ running: Broadcast; userKeys: string[] }> {
  const { userKeys, counts } = await snapshotRecipients(deps, b);
  await deps.repo.setRecipients(b.id, userKeys);
  await prepare?.({ userKeys, counts });
  const running: Broadcast = { ...b, status: 'running', startedAt: now.toISOString(), counts };
  await deps.repo.save(running);
  deps.log.info({ broadcast: b.id, recipients: userKeys.length }, 'broadcast started');
  return { running, userKeys };
}

/** The final record of `current` with `counts`: `cancelled` (by whom) when a cancellation was asked, else `done`. */
export async function finalRecord(repo: BroadcastRepository, current: Broadcast, counts: Broadcast['counts'], now: Date): Promise<Broadcast> {
  const cancel = await repo.cancelRequest(current.id);
  return {
    ...current,
    counts,
    status: cancel ? 'cancelled' : 'done',
    finishedAt: now.toISOString(),
    cancelledBy: cancel?.by ?? null,
  };
}
