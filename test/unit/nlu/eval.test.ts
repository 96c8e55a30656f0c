import { describe, expect, it } from 'vitest';
import { applyThreshold, chooseThreshold, evaluate, formatReport, sweepThresholds, type RawPrediction } from '../../../src/nlu/eval.js';

const preds: RawPrediction[] = [
  { text: 'halo', expected: 'greeting', predicted: 'greeting', score: 0.9 },
  { text: 'hai', expected: 'greeting', predicted: 'thanks', score: 0.4 },
  { text: 'makasih', expected: 'thanks', predicted: 'thanks', score: 0.95 },
  { text: 'cuaca', expected: 'None', predicted: 'office.hours', score: 0.3 },
  { text: 'bola', expected: 'None', predicted: 'None', score: 0.8 },
];

describe('evaluate', () => {
  it('computes accuracy, None recall and per-intent metrics', () => {
    const r = evaluate(preds, 0);
    expect(r.accuracy).toBeCloseTo(3 / 5);
    expect(r.noneRecall).toBeCloseTo(1 / 2);
    expect(r.perIntent.greeting).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(r.perIntent.thanks).toMatchObject({ precision: 0.5, recall: 1 });
    expect(r.perIntent.thanks?.f1).toBeCloseTo(2 / 3);
    expect(r.confusions.map((c) => `${c.expected}>${c.predicted}`).sort()).toEqual(['None>office.hours', 'greeting>thanks']);
    expect(formatReport(r)).toContain('accuracy 60.0%');
  });

  it('falls back to None under the threshold', () => {
    expect(applyThreshold(preds[3] as RawPrediction, 0.5)).toBe('None');
    const r = evaluate(preds, 0.5);
    expect(r.noneRecall).toBe(1);
    expect(r.accuracy).toBeCloseTo(4 / 5); // "hai" becomes None: still wrong; "cuaca" now right
  });

  it('sweeps and chooses the most accurate threshold meeting None recall, ties to the higher one', () => {
    const rows = sweepThresholds(preds, [0, 0.35, 0.5, 0.92]);
    expect(rows.map((r) => r.accuracy)).toEqual([0.6, 0.8, 0.8, 0.6]);
    expect(chooseThreshold(rows, 0.9)?.threshold).toBe(0.5);
    expect(chooseThreshold(rows.slice(0, 1), 0.9)).toBeUndefined();
  });
});
