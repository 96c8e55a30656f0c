import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../src/lib/log.js';
import { startPeriodic } from '../../../src/lib/periodic.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('startPeriodic', () => {
  it('runs at once, then every interval, never overlapping a run still going', async () => {
    vi.useFakeTimers();
    const runs: number[] = [];
    let finish: (() => void) | undefined;
    const stop = startPeriodic(
      () => {
        runs.push(Date.now());
        return new Promise<void>((resolve) => (finish = resolve));
      },
      1000,
      silentLogger(),
      'job',
    );
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3000); // the first run has not finished: no second one
    expect(runs).toHaveLength(1);
    finish?.();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toHaveLength(2);
    stop();
  });

  it('runs once more after the delay a run asks for, then keeps its interval', async () => {
    vi.useFakeTimers();
    const runs: number[] = [];
    const start = Date.now();
    const stop = startPeriodic(
      () => {
        runs.push(Date.now() - start);
        return Promise.resolve(runs.length === 1 ? 200 : undefined);
      },
      10_000,
      silentLogger(),
      'job',
    );
    await vi.advanceTimersByTimeAsync(10_001);
    expect(runs).toEqual([0, 200, 10_000]);
    stop();
  });

  it('a failed run is logged and the next interval runs again', async () => {
    vi.useFakeTimers();
    let n = 0;
    const stop = startPeriodic(
      () => {
        n += 1;
        return Promise.reject(new Error('store down'));
      },
      1000,
      silentLogger(),
      'job',
    );
    await vi.advanceTimersByTimeAsync(2001);
    expect(n).toBe(3);
    stop();
  });
});
