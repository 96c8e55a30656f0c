/**
 * A periodic background job of the running service (complaint checks, staff notices, consultation sweeps):
 * first run at once, then every `intervalMs`; a run never overlaps the previous one; timers are unref'd so they
 * never keep the process alive; a failed run is logged and retried at the next interval. A run may ask for one
 * sooner run by returning a delay in ms (something it could not do yet becomes possible then).
 */
import type { Logger } from './log.js';

/** Start `job`; returns the function that stops it. */
export function startPeriodic(job: () => Promise<number | void>, intervalMs: number, log: Logger, what: string): () => void {
  let running = false;
  let sooner: NodeJS.Timeout | undefined;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const again = await job();
      if (typeof again === 'number' && again < intervalMs && sooner === undefined) {
        sooner = setTimeout(() => {
          sooner = undefined;
          void run();
        }, again);
        sooner.unref();
      }
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
    clearTimeout(sooner);
    clearInterval(timer);
  };
}
