/** Small statistics helpers for the benchmarks. */

/** The q-quantile (0..1) of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

/** Timings of a run: count, throughput and latency quantiles in milliseconds. */
export interface RunStats {
  n: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Statistics of per-call times (ms) that together took `totalMs`. */
export function runStats(times: number[], totalMs = times.reduce((a, b) => a + b, 0)): RunStats {
  const sorted = [...times].sort((a, b) => a - b);
  return { n: times.length, perSecond: (times.length / totalMs) * 1000, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
}

/** Run `fn` once per item, sequentially, timing each call. */
export async function timeEach<T>(items: readonly T[], fn: (item: T, i: number) => unknown): Promise<RunStats> {
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < items.length; i++) {
    const t0 = performance.now();
    await fn(items[i] as T, i);
    times.push(performance.now() - t0);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  return { n: items.length, perSecond: (items.length / total) * 1000, p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

/** Format a number with a fixed number of decimals. */
export const f = (n: number, d = 2): string => n.toFixed(d);

/** Run `fn` over all items with `concurrency` workers (different chats in parallel, as the service runs). */
export async function timeConcurrent<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, i: number, worker: number) => Promise<unknown>,
): Promise<RunStats> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < items.length) {
        const i = next++;
        const t0 = performance.now();
        await fn(items[i] as T, i, worker);
        times.push(performance.now() - t0);
      }
    }),
  );
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  return { n: items.length, perSecond: (items.length / total) * 1000, p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}
