/**
 * The intent classifier: normalise -> stem features -> nlp.js neural network (the same network
 * NluNeural trains, driven directly so classification is synchronous and costs microseconds;
 * `NlpManager.process()` would add async pipelines and entity extraction costing milliseconds).
 *
 * Scoring follows nlp.js's NLU: intents that share no feature with the message are zeroed,
 * unknown words feed a `nonefeature` that pulls towards None, the activations are squared and
 * normalised to sum to 1, and a top score under the threshold falls back to `None`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { toExamples, type Corpus } from './corpus.js';
import { createFeatureExtractor } from './features.js';
import { detectLanguage } from './language.js';
import { loadLexicon, type Lexicon } from './lexicon.js';
import { mayHaveMarkup, stripMarkup, withoutUrls } from './markup.js';
import { NeuralNetworkClass, type NeuralNetwork, type NeuralNetworkJson, type TrainingItem } from './nlpjs.js';
import { createNormaliser } from './normalise.js';
import { DEFAULT_THRESHOLD } from './threshold.js';
import { INTENTS, type Classification, type Classifier, type IntentName, type Language } from './types.js';

/** Default confidence threshold, chosen by measurement (see `threshold.ts`). */
export { DEFAULT_THRESHOLD };

/** Messages are cut to this many characters before anything else (a 100 kB paste costs nothing). */
export const MAX_INPUT_CHARS = 1000;

const BINARY_SHARE = 0.05;

/**
 * True when text looks like binary data rather than typing: over 5% C0/C1 control characters
 * (other than whitespace) or U+FFFD, the marks of a binary payload or a mis-decoded file.
 */
export function looksBinary(text: string): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c <= 0x08 || (c >= 0x0e && c <= 0x1f) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) n += 1;
  }
  return n > 0 && n / text.length > BINARY_SHARE;
}

/** Bump when feature extraction or scoring changes, so stale model caches are ignored. */
const MODEL_FORMAT = 'layanan-nlu-v1';
const NONE_FEATURE = 'nonefeature';
const NONE_DELTA_MULTIPLIER = 1.2; // nlp.js default: each further unknown word counts a bit more
/**
 * Out-of-domain share: a message (of two features or more) most of whose words the office's intents never use
 * is out of scope whatever the network says ("tanah lot buka jam berapa" shares only "buka jam berapa").
 * Chosen on the two development sets (heldout.json + heldout-fresh.json); see threshold.ts.
 */
export const OUT_OF_DOMAIN_SHARE = 0.5;
/**
 * Subscribing and unsubscribing change what a person receives, so they need explicit wording about this bot's
 * announcements or messages: without one of these words neither intent can win ("stop aja deh", "udahan").
 * Stemmed like every feature when the classifier is built.
 */
const SUBSCRIPTION_WORDS =
  'langganan berlangganan subscribe unsubscribe unsub subscription notif notifikasi notify notification notifications ' +
  'pengumuman announcement announcements info informasi kabar kabari pesan message messages messaging kirim send ' +
  'sending update updates berita news broadcast daftar list hapus remove ingat ingatkan tahu beritahu know posted ' +
  'remind spam chat whatsapp opt diinfokan';
const SUBSCRIPTION_INTENTS: ReadonlySet<string> = new Set(['subscribe', 'unsubscribe']);
/**
 * Emoji that acknowledge (👍 👌 🙏 ✅ 🆗 👏 🤝 ✔ ☑ 💯 🫡 🙇), alone or repeated, with skin tones, joiners and
 * variation selectors: a message of only these is `ack`. Any other emoji in it (😀 🙂 🔥 ❤️) leaves it to the classifier.
 */
const ACK_EMOJI_ONLY =
  /^(?:[\s.!]|\u{1F44D}|\u{1F44C}|\u{1F64F}|\u2705|\u{1F197}|\u{1F44F}|\u{1F91D}|\u2714|\u2611|\u{1F4AF}|\u{1FAE1}|\u{1F647}|[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u200D|\u2640|\u2642)+$/u;
const HAS_ACK_EMOJI = /\u{1F44D}|\u{1F44C}|\u{1F64F}|\u2705|\u{1F197}|\u{1F44F}|\u{1F91D}|\u2714|\u2611|\u{1F4AF}|\u{1FAE1}|\u{1F647}/u;

/** True when the message is only acknowledging emoji (👍, 🙏🏽🙏🏽, ✅). */
export function isAckEmoji(text: string): boolean {
  return HAS_ACK_EMOJI.test(text) && ACK_EMOJI_ONLY.test(text);
}
const NETWORK_SETTINGS = { iterations: 20000, errorThresh: 0.00005, deltaErrorThresh: 0.000001, learningRate: 0.6, momentum: 0.5, alpha: 0.07 };

/** Options of {@link createClassifier}. */
export interface ClassifierOptions {
  /** Validated corpora (see `loadCorpora`). */
  corpora: readonly Corpus[];
  /** Scores below this fall back to `None` (default {@link DEFAULT_THRESHOLD}). */
  threshold?: number;
  /** Where to cache the trained model (e.g. under the data dir). Unwritable -> ignored. */
  modelCachePath?: string;
  /** Lexicon for the normaliser (default: the shipped one). */
  lexicon?: Lexicon;
  /**
   * Words of the office's own catalogue (permit names and aliases, service names) that count as in domain
   * even when no training utterance uses them ("formulir siup"). From the office data file; not trained on.
   */
  domainTerms?: readonly string[];
}

/** A ranked intent with its score. */
export interface ScoredIntent {
  intent: IntentName;
  score: number;
}

/** The classifier plus what evaluation and start-up logs need. */
export interface NluClassifier extends Classifier {
  /** The threshold `classify` applies. */
  readonly threshold: number;
  /** True when the model came from `modelCachePath` instead of training. */
  readonly fromCache: boolean;
  /** Milliseconds spent training or loading the model. */
  readonly readyMs: number;
  /** Best intent before the threshold is applied (for threshold sweeps). Never throws. */
  predict(text: string): Classification;
  /** All intents with a non-zero score, best first. */
  rank(text: string): ScoredIntent[];
}

interface ModelCache {
  format: string;
  key: string;
  network: NeuralNetworkJson;
  intentFeatures: Record<string, string[]>;
}

const INTENT_SET: ReadonlySet<string> = new Set(INTENTS);
const isIntent = (s: string): s is IntentName => INTENT_SET.has(s);

/**
 * Train (or load from cache) a classifier over the corpora. Synchronous: training the
 * network is CPU-bound and happens once at start-up.
 */
export function createClassifier(options: ClassifierOptions): NluClassifier {
  const started = performance.now();
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const lexicon = options.lexicon ?? loadLexicon();
  const normalise = createNormaliser(lexicon);
  const fx = createFeatureExtractor();

  const key = createHash('sha256')
    .update(MODEL_FORMAT)
    .update(JSON.stringify(options.corpora))
    .update(lexicon.sourceText)
    .update(JSON.stringify(NETWORK_SETTINGS))
    .digest('hex');

  let network: NeuralNetwork | undefined;
  let intentFeatures: Map<string, ReadonlySet<string>> | undefined;
  let fromCache = false;

  if (options.modelCachePath) {
    const cached = readCache(options.modelCachePath, key);
    if (cached) {
      network = new NeuralNetworkClass();
      network.fromJSON(cached.network);
      intentFeatures = new Map(Object.entries(cached.intentFeatures).map(([k, v]) => [k, new Set(v)]));
      fromCache = true;
    }
  }

  if (!network || !intentFeatures) {
    const trained = train(options.corpora, normalise, fx.features);
    network = trained.network;
    intentFeatures = trained.intentFeatures;
    if (options.modelCachePath) {
      writeCache(options.modelCachePath, {
        format: MODEL_FORMAT,
        key,
        network: network.toJSON(),
        intentFeatures: Object.fromEntries([...intentFeatures].map(([k, v]) => [k, [...v]])),
      });
    }
  }

  const net = network;
  const featuresByIntent = intentFeatures;
  const known = new Set<string>();
  for (const set of featuresByIntent.values()) for (const f of set) known.add(f);
  const intents = [...featuresByIntent.keys()].filter(isIntent);
  const noneDelta = intents.length / Math.max(1, known.size);
  // Words the business intents use; None's own examples do not make a word "in domain".
  const domain = new Set<string>();
  for (const [intent, set] of featuresByIntent) if (intent !== 'None') for (const f of set) domain.add(f);
  for (const term of options.domainTerms ?? []) for (const f of Object.keys(fx.features(normalise(term)))) domain.add(f);
  const subscriptionWords = new Set(Object.keys(fx.features(normalise(SUBSCRIPTION_WORDS))));

  const rankNormalised = (normalised: string): ScoredIntent[] => {
    const bag = fx.features(normalised);
    const input: Record<string, number> = {};
    let unknown = 0;
    let anyKnown = false;
    for (const f of Object.keys(bag)) {
      if (known.has(f)) {
        input[f] = 1;
        anyKnown = true;
      } else unknown += 1;
    }
    if (!anyKnown) return [];
    const features = Object.keys(bag);
    if (features.length >= 2) {
      let outside = 0;
      for (const f of features) if (!domain.has(f)) outside += 1;
      if (outside / features.length >= OUT_OF_DOMAIN_SHARE) return [];
    }
    if (unknown > 0) {
      let value = 0;
      let delta = noneDelta;
      for (let i = 0; i < unknown; i += 1) {
        value += delta;
        delta *= NONE_DELTA_MULTIPLIER;
      }
      input[NONE_FEATURE] = value;
    }
    const raw = net.run(input) ?? {};
    const out: ScoredIntent[] = [];
    let total = 0;
    let explicitSubscription = false;
    for (const f of features) if (subscriptionWords.has(f)) explicitSubscription = true;
    for (const intent of intents) {
      let s = raw[intent] ?? 0;
      if (s > 0 && intent !== 'None' && !activated(featuresByIntent.get(intent), input)) s = 0;
      if (s > 0 && !explicitSubscription && SUBSCRIPTION_INTENTS.has(intent)) s = 0;
      if (s > 0) {
        s *= s;
        total += s;
        out.push({ intent, score: s });
      }
    }
    if (total > 0) for (const o of out) o.score /= total;
    return out.sort((a, b) => b.score - a.score);
  };

  const predict = (text: string): Classification => {
    try {
      const clipped = typeof text === 'string' ? text.slice(0, MAX_INPUT_CHARS) : '';
      if (looksBinary(clipped)) return { intent: 'None', score: 1, language: 'id', normalised: '' };
      if (isAckEmoji(clipped)) return { intent: 'ack', score: 1, language: 'id', normalised: '' };
      const markup = mayHaveMarkup(clipped);
      const normalised = normalise(markup ? stripMarkup(clipped) : clipped);
      // Language from the words typed, never from a URL's or a tag's ("href", "go", "www").
      const language: Language = detectLanguage(fx.tokens(markup ? normalise(withoutUrls(clipped)) : normalised));
      const best = rankNormalised(normalised)[0];
      return best
        ? { intent: best.intent, score: best.score, language, normalised }
        : { intent: 'None', score: 1, language, normalised };
    } catch {
      // Never let a hostile message take the bot down: unknown means None.
      return { intent: 'None', score: 0, language: 'id', normalised: '' };
    }
  };

  return {
    threshold,
    fromCache,
    readyMs: performance.now() - started,
    predict,
    classify(text: string): Classification {
      const p = predict(text);
      return p.score < threshold && p.intent !== 'None' ? { ...p, intent: 'None' } : p;
    },
    rank(text: string): ScoredIntent[] {
      try {
        return rankNormalised(normalise(stripMarkup(typeof text === 'string' ? text.slice(0, MAX_INPUT_CHARS) : '')));
      } catch {
        return [];
      }
    },
  };
}

/** nlp.js's "activation" rule: an intent can only win if it shares a feature with the message. */
function activated(features: ReadonlySet<string> | undefined, input: Record<string, number>): boolean {
  if (!features) return false;
  for (const f of Object.keys(input)) if (features.has(f)) return true;
  return false;
}

function train(
  corpora: readonly Corpus[],
  normalise: (text: string) => string,
  features: (normalised: string) => Record<string, number>,
): { network: NeuralNetwork; intentFeatures: Map<string, Set<string>> } {
  const items: TrainingItem[] = [];
  const intentFeatures = new Map<string, Set<string>>();
  for (const ex of toExamples(corpora)) {
    const bag = features(normalise(ex.utterance));
    const keys = Object.keys(bag);
    if (keys.length === 0) continue;
    let set = intentFeatures.get(ex.intent);
    if (!set) intentFeatures.set(ex.intent, (set = new Set()));
    for (const k of keys) set.add(k);
    items.push({ input: bag, output: { [ex.intent]: 1 } });
  }
  // nlp.js's useNoneFeature: one example teaching that the unknown-words feature means None.
  items.push({ input: { [NONE_FEATURE]: 1 }, output: { None: 1 } });
  if (!intentFeatures.has('None')) intentFeatures.set('None', new Set());
  const network = new NeuralNetworkClass({ ...NETWORK_SETTINGS });
  network.train(items);
  return { network, intentFeatures };
}

function readCache(path: string, key: string): ModelCache | undefined {
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as Partial<ModelCache>;
    if (json.format !== MODEL_FORMAT || json.key !== key || !json.network || !json.intentFeatures) return undefined;
    return json as ModelCache;
  } catch {
    return undefined; // missing or corrupt cache: retrain
  }
}

function writeCache(path: string, cache: ModelCache): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(cache));
    renameSync(tmp, path); // atomic: a concurrent reader never sees half a file
  } catch {
    // A read-only data dir only costs the next start-up a retrain.
  }
}
