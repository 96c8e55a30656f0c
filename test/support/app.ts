/**
 * Test fixtures: the real office data, locales and trained classifier (trained once per worker, model cached
 * in the OS temp dir), with an in-memory store unless a test passes another one.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClassifier, loadKnowledgeFiles } from '../../src/app.js';
import { parseConfig, type Config } from '../../src/config.js';
import type { InboundMessage } from '../../src/kernel/message.js';
import { replyText } from '../../src/kernel/message.js';
import { silentLogger } from '../../src/lib/log.js';
import type { NluClassifier } from '../../src/nlu/classifier.js';
import { Bot } from '../../src/runtime/bot.js';
import { createMemoryStore, type Store } from '../../src/store/store.js';

let classifier: NluClassifier | undefined;

/** A config from defaults plus `env`, with the model cache in the temp dir. */
export function testConfig(env: Record<string, string> = {}): Config {
  return parseConfig({ DATA_DIR: join(tmpdir(), 'layanan-bot-test'), ...env });
}

/** The real classifier, trained once per test worker. */
export function testClassifier(): NluClassifier {
  classifier ??= buildClassifier(testConfig(), loadKnowledgeFiles(testConfig()).office);
  return classifier;
}

/** Options of {@link makeBot}. */
export interface MakeBotOptions {
  store?: Store;
  env?: Record<string, string>;
  now?: () => Date;
}

/** A bot over the real knowledge files and classifier. */
export function makeBot(opts: MakeBotOptions = {}): Bot {
  const config = testConfig(opts.env);
  const { office, locales } = loadKnowledgeFiles(config);
  return new Bot({
    config,
    office,
    locales,
    classifier: testClassifier(),
    store: opts.store ?? createMemoryStore(),
    log: silentLogger(),
    ...(opts.now ? { now: opts.now } : {}),
  });
}

/** Send one text as `userKey` and get the reply texts. */
export async function say(bot: Bot, userKey: string, text: string, extra: Partial<InboundMessage> = {}): Promise<string[]> {
  const out = await bot.turn({ userKey, text, ...extra });
  return out.replies.map(replyText);
}
