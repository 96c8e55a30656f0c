/**
 * The periodic consultation check of the running service (unanswered ones raised, quiet ones handed back,
 * undelivered answers retried). A plain unref'd interval; a run never overlaps the previous one.
 */
import type { Logger } from '../../lib/log.js';
import type { ConsultationService } from './service.js';

/** Default time between checks: a minute (the quiet time is counted in minutes). */
export const SWEEP_INTERVAL_MS = 60_000;

/** Start the check; returns the function that stops it. */
export function startConsultationSweep(service: ConsultationService, log: Logger, now: () => Date, intervalMs = SWEEP_INTERVAL_MS): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const done = await service.sweep(now());
      if (done.overdue + done.idle + done.redelivered > 0) log.info(done, 'consultation check');
    } catch (err) {
      log.error({ err }, 'consultation check failed; retried at the next interval');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
