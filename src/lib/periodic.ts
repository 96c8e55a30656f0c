/**
 * A periodic background job of the running service (complaint checks, staff notices, consultation sweeps):
 * first run at once, then every `intervalMs`; a run never overlaps the previous one; timers are unref'd so they
 * never keep the process alive; a failed run is logged and retried at the next interval.
 */
import type { Logger } from './log.js';

/** Start `job`; returns the function that stops it. */
export function startPeriodic(job: () => Promise<void>, intervalMs: number, log: Logger, what: string): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await job();
    } catch (err) {
      log.error({ err }, `${what} failed; retried at the next interval`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void run(), 0);
  first.unref();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
