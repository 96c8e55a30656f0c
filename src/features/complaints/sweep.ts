/**
 * The periodic complaint check of the running service: staff are told once about each complaint past a
 * deadline, and status changes that could not be delivered to the citizen are retried. A plain interval
 * timer, unref'd so it never keeps the process alive; a run never overlaps the previous one.
 */
import type { Logger } from '../../lib/log.js';
import { startPeriodic } from '../../lib/periodic.js';
import { NOTICE_LOCK_MS, type ComplaintService } from './service.js';

/** Default time between checks. */
export const SWEEP_INTERVAL_MS = 15 * 60_000;

/** Start the check (first run at once); returns the function that stops it. */
export function startComplaintSweep(
  service: ComplaintService,
  log: Logger,
  intervalMs = SWEEP_INTERVAL_MS,
  now: () => Date = () => new Date(),
): () => void {
  return startPeriodic(
    async () => {
      const done = await service.sweep(now());
      if (done.overdue + done.renotified > 0) log.info(done, 'complaint check');
    },
    intervalMs,
    log,
    'complaint check',
  );
}

/** Default time between runs of the staff notice loop. */
export const NOTICE_RETRY_MS = 30_000;

/**
 * Start the staff notice loop (first run at once, which also resumes what a crash left): queued notices of
 * new complaints are delivered, and retried until staff are reached. A notice whose lock another process holds
 * is looked at again once that lock would have expired (its holder may be dead). Returns the function that
 * stops it.
 */
export function startNoticeLoop(
  service: ComplaintService,
  log: Logger,
  intervalMs = NOTICE_RETRY_MS,
  now: () => Date = () => new Date(),
): () => void {
  return startPeriodic(
    async () => {
      const done = await service.deliverNotices(now());
      if (done.sent + done.uncertain > 0 || done.pending > 0) log.info(done, 'staff notices');
      return done.held > 0 ? NOTICE_LOCK_MS + 500 : undefined;
    },
    intervalMs,
    log,
    'staff notices',
  );
}
