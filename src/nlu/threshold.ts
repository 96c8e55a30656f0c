/**
 * The default confidence threshold and how the out-of-scope parameters (`TUNING` in classifier.ts) were chosen:
 * by measurement on the development sets `test/nlu/heldout.json` (233) and `test/nlu/heldout-fresh.json` (240),
 * the blind development sets `/work/blind/dev/utterances.json` (330 utterances) and `out-of-scope.json` (200
 * real-register messages meant for other businesses), and 5-fold cross-validation of the out-of-scope corpus
 * written for issue 10 (705 messages: each fold trained without it and scored on it). Rule: the most accurate
 * setting on the utterance sets keeping None recall >= 0.9 and out-of-scope handled >= 0.9 (blind and
 * cross-validated), ties going to the higher (stricter) threshold. `npm run nlu:eval` prints the sweep of each
 * set. `test/nlu/heldout-test.json` (written blind) was not used for any choice.
 *
 * Re-measured 2026-12-02 (3,750 training utterances, model format v7; the old blind test halves are development
 * data from that day; heldout-test.json stays out of every choice): accuracy on heldout / fresh / heldout-test /
 * blind dev utterances / blind dev out-of-scope / old test utterances / old test out-of-scope (None recall on the
 * utterance sets 97 / 98 / 95 / 98 / 98% at every row):
 *   0.30       97.9 / 97.1 / 94.8 / 98.8 / 99.0 / 97.9 / 98.7
 *   0.35       97.9 / 97.1 / 94.8 / 98.8 / 99.0 / 97.9 / 98.7   <- chosen (ties go to the higher threshold)
 *   0.40       97.4 / 97.1 / 94.8 / 98.8 / 99.0 / 97.9 / 98.7
 *   0.45       97.4 / 96.7 / 94.8 / 98.8 / 99.5 / 97.9 / 98.7
 *   0.50       97.4 / 96.7 / 94.4 / 98.8 / 99.5 / 97.6 / 98.7
 * Against 0.45, 0.35 answers two more development utterances right and costs one blind dev out-of-scope message
 * of 200 (still 99.0% handled); the conversation suites are unchanged (151/151, 248/252).
 *
 * Before (3,400 training utterances): accuracy on heldout / fresh / blind dev (None recall 100% / 100% / 96%
 * throughout) and blind out-of-scope messages handled:
 *   0.00–0.45  97.0% / 97.1% / 94.2%   out-of-scope 97.0%   <- 0.45 was chosen
 *   0.50       96.6% / 97.1% / 94.2%   out-of-scope 97.5%
 *   0.60       95.7% / 96.7% / 93.3%   out-of-scope 97.5%
 *   0.70       94.4% / 95.4% / 90.9%   out-of-scope 98.5%
 * The out-of-scope parameters at threshold 0.45 (heldout / fresh / blind dev / blind out-of-scope / cross-validated
 * out-of-scope corpus):
 *   network only, None weight 1                           94.8 / 93.8 / 90.0 / 92.5 / 85.7
 *   network only, None weight 0.4                         96.6 / 96.3 / 93.3 / 80.0 / 73.3
 *   + foreign words + log-odds vs all business 0.5        96.1 / 95.8 / 93.0 / 98.0 / 92.9
 *   + foreign words + log-odds vs the winning intent 0.5  97.0 / 96.7 / 94.2 / 95.0 / 87.8
 *   both log-odds, business at 1.0                        97.0 / 97.1 / 93.6 / 97.5 / 92.1
 *   both log-odds, business at 1.5 (shipped)              97.0 / 97.1 / 94.2 / 97.0 / 90.8
 *   log-odds vs the winning intent, no foreign words      96.6 / 96.3 / 93.6 / 89.0 / 80.7
 * Out-of-scope recall comes from the log-odds, the foreign-word rule and the out-of-domain share; the threshold
 * only trims low-confidence guesses.
 */
export const DEFAULT_THRESHOLD = 0.35;
