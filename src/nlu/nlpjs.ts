/**
 * The parts of NLP.js (v4) this layer uses, typed locally (the packages ship no types).
 *
 * The classifier depends directly on the NLP.js packages it uses — `@nlpjs/neural` (the network behind
 * NluNeural; `train`/`run` are synchronous) and `@nlpjs/lang-id` / `@nlpjs/lang-en-min` (stemmers, on
 * `@nlpjs/core`'s BaseStemmer) — imported by package name. `node-nlp` itself (whose entry point loads every
 * language, NER and duckling, ~1 s) is only a development dependency: the benchmark baseline and the lexicon
 * curation script reach it, never the bot.
 */
import { createRequire } from 'node:module';

/** A snowball-style stemmer (`@nlpjs/core` BaseStemmer). */
export interface Stemmer {
  /** Stem one lowercase word (memoised in `cache`). */
  stemWord(word: string): string;
  /** The library's unbounded memo; callers reset it to keep memory bounded. */
  cache: Record<string, string>;
}

/** Serialised network, as produced by `NeuralNetwork.toJSON()`. */
export interface NeuralNetworkJson {
  settings: Record<string, unknown>;
  features?: string[];
  intents?: string[];
  perceptrons?: number[][];
}

/** Training status returned by `NeuralNetwork.train`. */
export interface TrainStatus {
  error: number;
  deltaError: number;
  iterations: number;
}

/** Settings of nlp.js's single-layer network (defaults: 20000 iterations, lr 0.6, momentum 0.5, alpha 0.07). */
export interface NeuralNetworkSettings {
  iterations?: number;
  errorThresh?: number;
  deltaErrorThresh?: number;
  learningRate?: number;
  momentum?: number;
  alpha?: number;
  log?: boolean;
}

/** One training example: feature bag in, one-hot intent out. */
export interface TrainingItem {
  input: Record<string, number>;
  output: Record<string, number>;
}

/** nlp.js's one-layer perceptron network. */
export interface NeuralNetwork {
  train(corpus: TrainingItem[]): TrainStatus;
  /** Per-intent activations (>= 0), or undefined when untrained. Synchronous. */
  run(input: Record<string, number>): Record<string, number> | undefined;
  toJSON(): NeuralNetworkJson;
  fromJSON(json: NeuralNetworkJson): void;
}

type NeuralNetworkCtor = new (settings?: NeuralNetworkSettings) => NeuralNetwork;
type StemmerCtor = new () => Stemmer;

const requirePackage = createRequire(import.meta.url);

/** The network class from `@nlpjs/neural`. */
export const NeuralNetworkClass = (requirePackage('@nlpjs/neural') as { NeuralNetwork: NeuralNetworkCtor }).NeuralNetwork;

/** A new Indonesian stemmer (`@nlpjs/lang-id`). */
export function createStemmerId(): Stemmer {
  const { StemmerId } = requirePackage('@nlpjs/lang-id') as { StemmerId: StemmerCtor };
  return new StemmerId();
}

/** A new English stemmer (`@nlpjs/lang-en-min`), used by the lexicon curation script. */
export function createStemmerEn(): Stemmer {
  const { StemmerEn } = requirePackage('@nlpjs/lang-en-min') as { StemmerEn: StemmerCtor };
  return new StemmerEn();
}

/**
 * Resolve a file inside an NLP.js package that only node-nlp (a development dependency) brings, e.g.
 * `@nlpjs/lang-en`'s sentiment lexicon. Dev scripts only; resolved on call, so a production install without
 * node-nlp never needs it.
 */
export function resolveNlpjsFile(request: string): string {
  return createRequire(requirePackage.resolve('node-nlp')).resolve(request);
}
