/**
 * The periodic consultation check of the running service (unanswered ones raised, quiet ones handed back,
 * undelivered answers retried), on the shared periodic job (first run at once, never overlapping).
 */
import type { Logger } from '../../lib/log.js';
import { startPeriodic } from '../../lib/periodic.js';
import type { ConsultationService } from './service.js';

/** Default time between checks: a minute (the quiet time is counted in minutes). */
export const SWEEP_INTERVAL_MS = 60_000;

/** Start the check; returns the function that stops it. */
export function startConsultationSweep(service: ConsultationService, log: Logger, now: () => Date, intervalMs = SWEEP_INTERVAL_MS): () => void {
  return startPeriodic(
    async () => {
      const done = await service.sweep(now());
      if (done.overdue + done.idle + done.redelivered > 0) log.info(done, 'consultation check');
    },
    intervalMs,
    log,
    'consultation check',
  );
}
