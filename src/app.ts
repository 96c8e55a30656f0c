/**
 * Builds the running application from a `Config`: office data, locales, the trained classifier, the store and
 * the bot runtime. Shared by `npm start`, the CLI and the benchmarks, so they all run the same thing.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { loadLocales, type Locales } from './engine/locale.js';
import { loadOffice } from './knowledge/load-office.js';
import { officeTerms } from './knowledge/office-terms.js';
import type { OfficeData } from './knowledge/office-schema.js';
import type { Logger } from './log.js';
import { createClassifier, type NluClassifier } from './nlu/classifier.js';
import { loadCorpora } from './nlu/corpus.js';
import { Bot } from './runtime/bot.js';
import { createStore, type Store } from './store/store.js';

/** The repository root (intents/ and locales/ are found relative to it, whatever the working directory). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The parts of a running application. */
export interface App {
  config: Config;
  office: OfficeData;
  locales: Locales;
  classifier: NluClassifier;
  store: Store;
  bot: Bot;
  log: Logger;
  close(): Promise<void>;
}

/** Load every data file (validated), train or load the model, open the store. */
export function loadKnowledgeFiles(config: Pick<Config, 'officeFile'>): { office: OfficeData; locales: Locales } {
  return { office: loadOffice(config.officeFile), locales: loadLocales(join(ROOT, 'locales')) };
}

/** The trained classifier (cached under the data folder, so later starts only load it). */
export function buildClassifier(config: Pick<Config, 'dataDir' | 'NLU_THRESHOLD'>, office: OfficeData): NluClassifier {
  return createClassifier({
    corpora: loadCorpora(join(ROOT, 'intents')),
    domainTerms: officeTerms(office),
    ...(config.NLU_THRESHOLD !== undefined ? { threshold: config.NLU_THRESHOLD } : {}),
    modelCachePath: join(config.dataDir, 'nlu-model.json'),
  });
}

/** Build the application. The caller owns `close()`. */
export function createApp(config: Config, log: Logger, store: Store = createStore({ dataDir: config.dataDir, redisUrl: config.REDIS_URL, redisPrefix: config.redisPrefix })): App {
  const { office, locales } = loadKnowledgeFiles(config);
  const classifier = buildClassifier(config, office);
  log.debug({ ms: Math.round(classifier.readyMs), fromCache: classifier.fromCache }, 'classifier ready');
  const bot = new Bot({ config, office, locales, classifier, store, log });
  return { config, office, locales, classifier, store, bot, log, close: () => store.close() };
}
