import { describe, expect, it } from 'vitest';
import { isoTime, parseIsoTime } from '../../../src/lib/time.js';

/** A small deterministic generator (the same cases on every run). */
function* instants(n: number): Generator<number> {
  let x = 123456789;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield Math.floor((x / 2 ** 31) * 8.64e12) * (i % 7 === 0 ? -1 : 1) + (i % 3) * 0.5;
  }
}

describe('isoTime', () => {
  it('is toISOString, also for another Date of the same instant and right after a different one', () => {
    for (const ms of instants(2000)) {
      expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
      expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
    }
  });

  it('throws for an invalid date, as toISOString does', () => {
    expect(() => isoTime(new Date(NaN))).toThrow(RangeError);
  });
});

describe('parseIsoTime', () => {
  it('is Date.parse for every time toISOString writes', () => {
    for (const ms of instants(5000)) {
      const text = new Date(ms).toISOString();
      expect(parseIsoTime(text)).toBe(Date.parse(text));
    }
  });

  it('is Date.parse for strings near and outside the everyday range, and for other formats', () => {
    const cases = [
      '2026-02-28T23:59:59.999Z',
      '2026-02-29T00:00:00.000Z',
      '2026-02-31T00:00:00.000Z',
      '2026-04-31T12:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-00-10T00:00:00.000Z',
      '2026-01-00T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T23:60:00.000Z',
      '2026-01-01T23:59:60.000Z',
      '1969-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00.000Z',
      '0050-01-01T00:00:00.000Z',
      '9999-12-28T23:59:59.999Z',
      '2026-01-0aT00:00:00.000Z',
      '2026-01-01T00:00:00.000+',
      '2026-01-01 00:00:00.000Z',
      '2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00.000+07:00',
      '2026-01-01',
      '',
      'kemarin',
    ];
    for (const text of cases) expect(parseIsoTime(text), text).toBe(Date.parse(text));
  });
});

describe('isoTime within one day', () => {
  it('is toISOString for every millisecond step through days, midnights and years apart', () => {
    const starts = [Date.UTC(2026, 2, 17, 23, 59, 58, 990), Date.UTC(1970, 0, 1), Date.UTC(1969, 11, 31, 23, 59, 59), Date.UTC(9999, 11, 31, 23, 59, 59), -62198755200000];
    for (const start of starts) {
      for (let ms = start; ms < start + 3000; ms += 7) expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
      for (let ms = start; ms < start + 3 * 86_400_000; ms += 3_600_017) expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
    }
  });
});
