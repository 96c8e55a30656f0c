import { describe, expect, it } from 'vitest';
import { buildLane, laneConcurrency } from '../../../../src/features/announcements/lanes.js';
import { limiterOf } from '../../../../src/features/announcements/queue-bullmq.js';

/** A clock the test moves; `sleep` uses real timers, so slots are timed with small gaps. */
const signal = new AbortController().signal;

describe('lanes from delivery profiles', () => {
  it('ratePerSecond spaces sends evenly', async () => {
    const lane = buildLane({ name: 'a', delivery: { ratePerSecond: 50 } });
    const start = Date.now();
    for (let i = 0; i < 6; i++) expect(await lane.slot(`a:${i}`, signal)).toBe(true);
    // 6 slots at 50/s: the 6th starts ≥ 100 ms after the first.
    expect(Date.now() - start).toBeGreaterThanOrEqual(95);
  });

  it('perChatGapMs keeps a gap between two messages to one chat only', async () => {
    const lane = buildLane({ name: 'a', delivery: { perChatGapMs: 150 } });
    const t0 = Date.now();
    await lane.slot('a:1', signal);
    await lane.slot('a:2', signal);
    expect(Date.now() - t0).toBeLessThan(100);
    await lane.slot('a:1', signal);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(145);
  });

  it('randomGapMs waits a random gap between any two sends, one at a time', async () => {
    const lane = buildLane({ name: 'a', delivery: { randomGapMs: { min: 40, max: 80 } } }, { random: () => 0.5 });
    const t0 = Date.now();
    await lane.slot('a:1', signal);
    await lane.slot('a:2', signal);
    await lane.slot('a:3', signal);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(115); // two gaps of 60 ms
    expect(laneConcurrency({ randomGapMs: { min: 40, max: 80 }, concurrency: 8 })).toBe(1);
  });

  it('a 429 pause holds the lane, with or without a pacer', async () => {
    for (const delivery of [{ ratePerSecond: 1000 }, {}]) {
      const lane = buildLane({ name: 'a', delivery });
      lane.pause(120);
      const t0 = Date.now();
      await lane.slot('a:1', signal);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
    }
  });

  it('concurrency is the profile’s (default 1); the BullMQ limiter comes from the rate or the least random gap', () => {
    expect(laneConcurrency({ ratePerSecond: 25, concurrency: 5 })).toBe(5);
    expect(laneConcurrency({ ratePerSecond: 25 })).toBe(1);
    expect(limiterOf({ ratePerSecond: 25 })).toEqual({ max: 1, duration: 40 });
    expect(limiterOf({ ratePerSecond: 100 })).toEqual({ max: 5, duration: 50 });
    expect(limiterOf({ randomGapMs: { min: 4000, max: 12000 }, dailyCap: 200 })).toEqual({ max: 1, duration: 4000 });
    expect(limiterOf({ perChatGapMs: 1000 })).toBeUndefined();
  });
});
