/**
 * Quality gate: the held-out set (never used for training) must reach >= 95% accuracy with
 * >= 90% of out-of-scope messages answered None, at the default threshold.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadOffice } from '../../src/kernel/office.js';
import { officeTerms } from '../../src/kernel/office-terms.js';
import { createClassifier, DEFAULT_THRESHOLD } from '../../src/nlu/classifier.js';
import { loadCorpora } from '../../src/nlu/corpus.js';
import { chooseThreshold, evaluate, formatReport, heldoutSchema, sweepThresholds, type RawPrediction } from '../../src/nlu/eval.js';
import heldoutJson from './heldout.json' with { type: 'json' };

let predictions: RawPrediction[];

beforeAll(() => {
  const office = loadOffice(fileURLToPath(new URL('../../offices/tabanan.json', import.meta.url)));
  const nlu = createClassifier({
    corpora: loadCorpora(fileURLToPath(new URL('../../intents/', import.meta.url))),
    domainTerms: officeTerms(office),
  });
  predictions = heldoutSchema.parse(heldoutJson).items.map((i) => {
    const p = nlu.predict(i.text);
    return { text: i.text, expected: i.intent, predicted: p.intent, score: p.score };
  });
});

describe('held-out quality gate', () => {
  it('accuracy >= 0.95 and None recall >= 0.9 at DEFAULT_THRESHOLD', () => {
    const r = evaluate(predictions, DEFAULT_THRESHOLD);
    expect(r.accuracy, formatReport(r)).toBeGreaterThanOrEqual(0.95);
    expect(r.noneRecall, formatReport(r)).toBeGreaterThanOrEqual(0.9);
  });

  it('DEFAULT_THRESHOLD is as accurate as the sweep optimum', () => {
    const rows = sweepThresholds(predictions);
    const best = chooseThreshold(rows, 0.9);
    expect(best).toBeDefined();
    expect(evaluate(predictions, DEFAULT_THRESHOLD).accuracy).toBeGreaterThanOrEqual((best?.accuracy ?? 1) - 1e-9);
  });
});
