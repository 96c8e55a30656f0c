/**
 * NLU evaluation (pure): accuracy, per-intent precision/recall/F1, confusions and a threshold
 * sweep, in the spirit of `rasa test nlu`. The CLI (`eval-cli.ts`) and the quality-gate test
 * feed it predictions; nothing here trains or reads files.
 */
import { z } from 'zod';
import { INTENTS, type IntentName } from './types.js';

/** Schema of `test/nlu/heldout.json`. */
export const heldoutSchema = z.object({
  description: z.string().optional(),
  items: z.array(z.object({ text: z.string(), intent: z.enum(INTENTS) })).min(1),
});

/** One held-out example. */
export type HeldoutItem = z.infer<typeof heldoutSchema>['items'][number];

/** A raw prediction: best intent *before* thresholding, and its score. */
export interface RawPrediction {
  text: string;
  expected: IntentName;
  predicted: IntentName;
  score: number;
}

/** Precision/recall/F1 of one intent. */
export interface IntentMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Number of held-out examples of this intent. */
  support: number;
}

/** A cell of the confusion matrix off the diagonal. */
export interface Confusion {
  expected: IntentName;
  predicted: IntentName;
  count: number;
  examples: string[];
}

/** The evaluation of one threshold. */
export interface EvalReport {
  threshold: number;
  total: number;
  correct: number;
  accuracy: number;
  /** Share of out-of-scope (`None`) examples answered `None`. */
  noneRecall: number;
  /** Average F1 over intents present in the data (macro). */
  macroF1: number;
  perIntent: Partial<Record<IntentName, IntentMetrics>>;
  /** Errors, most frequent first. */
  confusions: Confusion[];
}

/** One row of a threshold sweep. */
export interface SweepRow {
  threshold: number;
  accuracy: number;
  noneRecall: number;
}

/** The intent `classify` would answer for a raw prediction at a threshold. */
export function applyThreshold(p: RawPrediction, threshold: number): IntentName {
  return p.score < threshold ? 'None' : p.predicted;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Score raw predictions at one threshold. */
export function evaluate(predictions: readonly RawPrediction[], threshold: number): EvalReport {
  const tp = new Map<IntentName, number>();
  const predictedCount = new Map<IntentName, number>();
  const support = new Map<IntentName, number>();
  const confusions = new Map<string, Confusion>();
  let correct = 0;
  let noneTotal = 0;
  let noneHit = 0;
  const inc = (m: Map<IntentName, number>, k: IntentName): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  for (const p of predictions) {
    const got = applyThreshold(p, threshold);
    inc(support, p.expected);
    inc(predictedCount, got);
    if (p.expected === 'None') {
      noneTotal += 1;
      if (got === 'None') noneHit += 1;
    }
    if (got === p.expected) {
      correct += 1;
      inc(tp, got);
    } else {
      const key = `${p.expected}\u0000${got}`;
      const c = confusions.get(key) ?? { expected: p.expected, predicted: got, count: 0, examples: [] };
      c.count += 1;
      if (c.examples.length < 3) c.examples.push(p.text);
      confusions.set(key, c);
    }
  }
  const perIntent: Partial<Record<IntentName, IntentMetrics>> = {};
  let f1Sum = 0;
  let f1N = 0;
  for (const intent of INTENTS) {
    const s = support.get(intent) ?? 0;
    const pc = predictedCount.get(intent) ?? 0;
    if (s === 0 && pc === 0) continue;
    const t = tp.get(intent) ?? 0;
    const precision = ratio(t, pc);
    const recall = ratio(t, s);
    const f1 = ratio(2 * precision * recall, precision + recall);
    perIntent[intent] = { precision, recall, f1, support: s };
    if (s > 0) {
      f1Sum += f1;
      f1N += 1;
    }
  }
  return {
    threshold,
    total: predictions.length,
    correct,
    accuracy: ratio(correct, predictions.length),
    noneRecall: noneTotal === 0 ? 1 : noneHit / noneTotal,
    macroF1: ratio(f1Sum, f1N),
    perIntent,
    confusions: [...confusions.values()].sort((a, b) => b.count - a.count),
  };
}

/** Thresholds 0.00, 0.05, ..., 0.95 (the sweep grid). */
export const SWEEP_GRID: readonly number[] = Array.from({ length: 20 }, (_, i) => Math.round(i * 5) / 100);

/** Accuracy and None-recall at each threshold. */
export function sweepThresholds(predictions: readonly RawPrediction[], grid: readonly number[] = SWEEP_GRID): SweepRow[] {
  return grid.map((threshold) => {
    const r = evaluate(predictions, threshold);
    return { threshold, accuracy: r.accuracy, noneRecall: r.noneRecall };
  });
}

/**
 * Pick the threshold with the best accuracy among rows with None-recall >= `minNoneRecall`;
 * ties go to the highest threshold: at equal accuracy, the stricter setting answers `None` more
 * often on unseen out-of-scope text. Undefined if no row qualifies.
 */
export function chooseThreshold(rows: readonly SweepRow[], minNoneRecall = 0.9): SweepRow | undefined {
  let best: SweepRow | undefined;
  for (const r of rows) {
    if (r.noneRecall < minNoneRecall) continue;
    if (!best || r.accuracy >= best.accuracy - 1e-12) best = r;
  }
  return best;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Human-readable report: headline figures, per-intent table, confusions. */
export function formatReport(r: EvalReport): string {
  const lines: string[] = [];
  lines.push(`threshold ${r.threshold.toFixed(2)}: accuracy ${pct(r.accuracy)} (${r.correct}/${r.total}), None recall ${pct(r.noneRecall)}, macro F1 ${r.macroF1.toFixed(3)}`);
  lines.push('');
  lines.push(`${'intent'.padEnd(20)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'f1'.padStart(6)} ${'support'.padStart(7)}`);
  for (const intent of INTENTS) {
    const m = r.perIntent[intent];
    if (!m) continue;
    lines.push(
      `${intent.padEnd(20)} ${m.precision.toFixed(3).padStart(9)} ${m.recall.toFixed(3).padStart(7)} ${m.f1.toFixed(3).padStart(6)} ${String(m.support).padStart(7)}`,
    );
  }
  lines.push('');
  if (r.confusions.length === 0) lines.push('no confusions');
  else {
    lines.push('confusions (expected -> predicted):');
    for (const c of r.confusions) lines.push(`  ${c.expected} -> ${c.predicted}  x${c.count}  e.g. ${c.examples.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  return lines.join('\n');
}

/** Table of a sweep, marking the chosen row. */
export function formatSweep(rows: readonly SweepRow[], chosen: SweepRow | undefined): string {
  const lines = ['threshold  accuracy  None-recall'];
  for (const r of rows) {
    const mark = chosen && r.threshold === chosen.threshold ? '  <- chosen' : '';
    lines.push(`${r.threshold.toFixed(2).padStart(9)}  ${pct(r.accuracy).padStart(8)}  ${pct(r.noneRecall).padStart(11)}${mark}`);
  }
  return lines.join('\n');
}
