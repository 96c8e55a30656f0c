/**
 * The parts of node-nlp (nlp.js v4) this layer uses, typed locally (node-nlp ships no types).
 *
 * Why not `import 'node-nlp'`: its entry point loads every language, NER and duckling and costs
 * ~1 s at start-up. We load only the two nlp.js packages node-nlp bundles and we need —
 * `@nlpjs/neural` (the network behind NluNeural; `train`/`run` are synchronous) and
 * `@nlpjs/lang-id` / `@nlpjs/lang-en-min` (stemmers) — resolved *through node-nlp's own
 * location*, so this works however npm hoists them (~20 ms).
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

const requireFromNodeNlp = createRequire(createRequire(import.meta.url).resolve('node-nlp'));

/** The network class from `@nlpjs/neural` (as bundled by node-nlp). */
export const NeuralNetworkClass = (requireFromNodeNlp('@nlpjs/neural') as { NeuralNetwork: NeuralNetworkCtor })
  .NeuralNetwork;

/** A new Indonesian stemmer (`@nlpjs/lang-id`). */
export function createStemmerId(): Stemmer {
  const { StemmerId } = requireFromNodeNlp('@nlpjs/lang-id') as { StemmerId: StemmerCtor };
  return new StemmerId();
}

/** A new English stemmer (`@nlpjs/lang-en-min`), used by the lexicon curation script. */
export function createStemmerEn(): Stemmer {
  const { StemmerEn } = requireFromNodeNlp('@nlpjs/lang-en-min') as { StemmerEn: StemmerCtor };
  return new StemmerEn();
}

/** Resolve a file inside an nlp.js package bundled by node-nlp (dev scripts only). */
export function resolveNlpjsFile(request: string): string {
  return requireFromNodeNlp.resolve(request);
}
