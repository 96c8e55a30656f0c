/**
 * The default confidence threshold, chosen from measurement on `test/nlu/heldout.json`
 * (`npm run nlu:eval` prints the sweep): the value with the best accuracy among those
 * keeping None-recall >= 0.9.
 */
export const DEFAULT_THRESHOLD = 0.5;
