/**
 * Test fixtures: the real office data, locales and trained classifier (trained once per worker, model cached
 * in the OS temp dir), with an in-memory store unless a test passes another one. `makeBot` builds the real
 * composition root (`createApp`) and names its parts the way tests use them.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClassifier, createApp, loadKnowledgeFiles, type App } from '../../src/app.js';
import { parseConfig, type Config } from '../../src/config.js';
import type { InboundMessage } from '../../src/kernel/message.js';
import { replyText } from '../../src/kernel/message.js';
import { silentLogger, type Logger } from '../../src/lib/log.js';
import type { NluClassifier } from '../../src/nlu/classifier.js';
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
  /** Where the app logs (silent by default). */
  log?: Logger;
}

/** The application as tests use it: the composition root, with its parts at hand. */
export interface TestBot {
  app: App;
  turn: App['conversation']['turn'];
  handle: App['host']['handle'];
  isStaff: App['host']['isStaff'];
  markUnreachable: App['host']['markUnreachable'];
  alertStaff: App['host']['alertStaff'];
  attach: App['outbox']['attach'];
  sendTo: App['outbox']['sendTo'];
  hasChannel: App['outbox']['canSend'];
  complaints: App['complaints']['service'];
  subscriptions: App['announcements']['subscriptions'];
  closure: App['announcements']['closure'];
  broadcasts: App['announcements']['broadcasts'];
  sessions: App['conversation']['sessions'];
  host: App['host'];
  log: App['log'];
  store: Store;
}

/** A bot over the real knowledge files and classifier. */
export function makeBot(opts: MakeBotOptions = {}): TestBot {
  const config = testConfig(opts.env);
  const { office, locales } = loadKnowledgeFiles(config);
  const app = createApp(config, opts.log ?? silentLogger(), {
    office,
    locales,
    classifier: testClassifier(),
    store: opts.store ?? createMemoryStore(),
    ...(opts.now ? { now: opts.now } : {}),
  });
  return {
    app,
    turn: (m) => app.conversation.turn(m),
    handle: (m) => app.host.handle(m),
    isStaff: (k) => app.host.isStaff(k),
    markUnreachable: (k, r) => app.host.markUnreachable(k, r),
    alertStaff: (k, v) => app.host.alertStaff(k, v),
    attach: (c) => app.outbox.attach(c),
    sendTo: (k, r, o) => app.outbox.sendTo(k, r, o),
    hasChannel: (n) => app.outbox.canSend(n),
    complaints: app.complaints.service,
    subscriptions: app.announcements.subscriptions,
    closure: app.announcements.closure,
    broadcasts: app.announcements.broadcasts,
    sessions: app.conversation.sessions,
    host: app.host,
    log: app.log,
    store: app.store,
  };
}

/** Send one text as `userKey` and get the reply texts. */
export async function say(bot: Pick<TestBot, 'turn'>, userKey: string, text: string, extra: Partial<InboundMessage> = {}): Promise<string[]> {
  const out = await bot.turn({ userKey, text, ...extra });
  return out.replies.map(replyText);
}

/** A conversation: each message's replies joined, in order. */
export async function talk(bot: Pick<TestBot, 'turn'>, userKey: string, ...messages: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const m of messages) out.push((await say(bot, userKey, m)).join('\n'));
  return out;
}
