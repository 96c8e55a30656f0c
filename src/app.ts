/**
 * The composition root: builds the running application from a `Config` once. Office data, locales, the
 * trained classifier and the store; each feature's runtime from narrow ports; the catalogue of staff
 * operations; the merged dialogue (tsc proves every intent has a handler); the conversation (the turn) and
 * the outbox (everything sent outside a turn). Shared by `npm start`, the CLI and the benchmarks, so they all
 * run the same thing. Nothing below this file imports it.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Config } from './config.js';
import { announcementsDialogue, createAnnouncements, type AnnouncementsRuntime } from './features/announcements/index.js';
import { complaintsDialogue, createComplaints, type ComplaintsRuntime } from './features/complaints/index.js';
import { consultationDialogue, createConsultation, type ConsultationRuntime } from './features/consultation/index.js';
import { infoDialogue } from './features/info/index.js';
import type { BoundChannel, ChannelHost } from './kernel/channel.js';
import type { EffectRunner } from './kernel/effects.js';
import type { FeaturePorts, FeatureRuntime, IntentHandler } from './kernel/feature.js';
import { loadLocales, Translator, type Locales } from './kernel/locale.js';
import type { InboundMessage } from './kernel/message.js';
import { loadOffice, type OfficeData } from './kernel/office.js';
import { officeTerms } from './kernel/office-terms.js';
import type { Logger } from './lib/log.js';
import { createClassifier, type NluClassifier } from './nlu/classifier.js';
import { loadCorpora } from './nlu/corpus.js';
import type { IntentName } from './nlu/types.js';
import { AuditLog } from './runtime/audit.js';
import { Catalogue, chatOperationRunner } from './runtime/catalogue.js';
import { Conversation, type TurnOutput } from './runtime/conversation.js';
import { ReplyDelivery, storeLiveness } from './runtime/delivery.js';
import { SendBudget } from './lib/pacing.js';
import { Outbox, type StaffDirectory } from './runtime/outbox.js';
import { mergeDialogues } from './runtime/step.js';
import { createStore, type Store } from './store/store.js';

/** The repository root (intents/ and locales/ are found relative to it, whatever the working directory). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every intent's handler, from the feature that answers it: `satisfies` fails to compile if one is missing. */
const INTENTS = {
  ...infoDialogue.intents,
  ...complaintsDialogue.intents,
  ...announcementsDialogue.intents,
  ...consultationDialogue.intents,
} satisfies Record<IntentName, IntentHandler>;

/** The dialogues of every feature, in the order their matchers are tried. */
const DIALOGUES = [infoDialogue, complaintsDialogue, announcementsDialogue, consultationDialogue] as const;

/** The host every channel talks to: the turn, the staff allow-list, the unreachable hook, staff alerts. */
export interface Host extends ChannelHost {
  /** The whole turn with what drove it (intent, score): the console's `--json` and tests. */
  turn(message: InboundMessage): Promise<TurnOutput>;
}

/** Told after every turn (the staff console's counters and metrics); a listener's failure never reaches the person. */
export type TurnListener = (message: InboundMessage, out: TurnOutput) => void;

/** The parts of a running application. */
export interface App {
  config: Config;
  office: OfficeData;
  locales: Locales;
  /** The trained classifier (trained or loaded at first use). */
  classifier(): NluClassifier;
  store: Store;
  log: Logger;
  conversation: Conversation;
  outbox: Outbox;
  /** The paced, durable sender of answers on channels that deliver durably. */
  delivery: ReplyDelivery;
  host: Host;
  /** Listen to every turn, whichever channel it came from. */
  onTurn(listener: TurnListener): void;
  catalogue: Catalogue;
  /** The complaint desk (tickets, statuses, staff notices). */
  complaints: ComplaintsRuntime;
  /** Online consultation (a person answers on the citizen's channel). */
  consultation: ConsultationRuntime;
  /** Closure status, subscriptions and broadcasts. */
  announcements: AnnouncementsRuntime;
  /** Every feature runtime (start/stop of background jobs, idle). */
  features: readonly FeatureRuntime[];
  /** The channel modules this configuration enables. */
  enabledChannels(): BoundChannel[];
  /** Resolves once every feature's background work has settled (tests, shutdown). */
  idle(): Promise<void>;
  /** What `/healthz` reports: the store, each channel, and whether the service can answer. */
  health(): Promise<Health>;
  close(): Promise<void>;
}

/** The service's health, as `/healthz` shows it. */
export interface Health {
  /** False when the store cannot be read: nobody can be answered. */
  ok: boolean;
  store: 'ok' | 'down';
  /** Each enabled channel: running here, or not (yet). */
  channels: Record<string, 'running' | 'down'>;
}

/** How long the health check waits for the store. */
const HEALTH_TIMEOUT_MS = 2000;

/** Load every data file (validated). */
export function loadKnowledgeFiles(config: Pick<Config, 'officeFile'>): { office: OfficeData; locales: Locales } {
  return { office: loadOffice(config.officeFile), locales: loadLocales(join(ROOT, 'locales')) };
}

/** The trained classifier (cached under the data folder, so later starts only load it). */
export function buildClassifier(config: Pick<Config, 'dataDir' | 'NLU_THRESHOLD'>, office: OfficeData): NluClassifier {
  return createClassifier({
    corpora: loadCorpora(join(ROOT, 'intents')),
    domainTerms: officeTerms(office),
    // The dialogue answers with the named permit's form and the named service's closure (entities).
    catalogue: office,
    ...(config.NLU_THRESHOLD !== undefined ? { threshold: config.NLU_THRESHOLD } : {}),
    modelCachePath: join(config.dataDir, 'nlu-model.json'),
  });
}

/** The staff allow-list of every channel module (by platform id, never by display name). */
export function staffDirectory(channels: readonly BoundChannel[]): StaffDirectory {
  const staff = new Set(channels.flatMap((c) => c.staffKeys));
  const chats = channels.flatMap((c) => c.staffChatKeys);
  return {
    isStaff: (userKey) => staff.has(userKey),
    noticeKeys: () => (chats.length > 0 ? chats : [...staff]),
  };
}

/** What `createApp` may be given instead of building it (tests). */
export interface AppOverrides {
  store?: Store;
  classifier?: NluClassifier;
  office?: OfficeData;
  locales?: Locales;
  now?: () => Date;
}

/** Build the application. The caller owns `close()`. */
export function createApp(config: Config, log: Logger, overrides: AppOverrides = {}): App {
  const files = overrides.office && overrides.locales ? { office: overrides.office, locales: overrides.locales } : loadKnowledgeFiles(config);
  const { office, locales } = files;
  const store = overrides.store ?? createStore({
      dataDir: config.dataDir,
      redisUrl: config.REDIS_URL,
      redisPrefix: config.redisPrefix,
      redisCommandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
    });
  // Trained (or loaded) at first use: a CLI operation that classifies nothing does not pay for it.
  let trained = overrides.classifier;
  const model = (): NluClassifier => {
    if (!trained) {
      trained = buildClassifier(config, office);
      log.debug({ ms: Math.round(trained.readyMs), fromCache: trained.fromCache }, 'classifier ready');
    }
    return trained;
  };
  const now = overrides.now ?? (() => new Date());
  const staff = staffDirectory(config.channels);
  const outbox = new Outbox({ staff, locales, log, now });
  const ports: FeaturePorts = { store, office, locales, log, outbox, now };

  // One sending budget per channel, shared by its replies (first) and its announcements.
  const budgets = new Map(config.channels.map((c) => [c.name, new SendBudget(c.delivery)]));
  const complaints = createComplaints(ports, config);
  const announcements = createAnnouncements(ports, {
    channels: config.channels
      .filter((c) => c.capabilities.push)
      .map((c) => ({ name: c.name, label: c.label, delivery: c.delivery, ...(budgets.has(c.name) ? { budget: budgets.get(c.name) } : {}) })),
    progressEveryMs: config.BROADCAST_PROGRESS_SECONDS * 1000,
    ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
    // `<REDIS_PREFIX>-bq`: with REDIS_PREFIX=layanan the queue keeps its keys from before the prefix was set.
    queuePrefix: `${config.redisPrefix}-bq`,
    // What only the delivery can learn (a 400 "chat not found"); a 403 the channel itself reports.
    onUnreachable: (key, reason) => outbox.markUnreachable(key, reason),
  });
  const consultation = createConsultation(ports, config);
  const features: FeatureRuntime[] = [complaints, announcements, consultation];
  // Every change by staff, from chat, the CLI or the console, lands in one audit log.
  const catalogue = new Catalogue(features.flatMap((f) => f.operations ?? []), new AuditLog(store));
  const dialogue = mergeDialogues(INTENTS, DIALOGUES, catalogue.chatOperations().map((op) => op.name));
  const canPush = new Map(config.channels.map((c) => [c.name, c.capabilities.push]));

  const conversation = new Conversation({
    dialogue,
    classifier: { classify: (text) => model().classify(text) },
    store,
    office,
    locales,
    log,
    closure: (ms) => announcements.closure.current(ms),
    effects: [...features.map((f) => f.effects ?? {}), chatOperationRunner(catalogue, locales, log)].reduce<Record<string, EffectRunner>>(
      (all, runners) => ({ ...all, ...runners }),
      {},
    ),
    staff,
    turnState: features.flatMap((f) => (f.turnState ? [f.turnState] : [])),
    canPush: (channel) => canPush.get(channel) ?? false,
    durable: (channel) => outbox.channel(channel)?.durable !== undefined,
    queued: (userKey) => delivery.kick(userKey),
    settings: { sessionIdleMs: config.SESSION_TTL_MINUTES * 60_000, complaintRetentionDays: config.COMPLAINT_RETENTION_DAYS },
    now,
  });
  const delivery = new ReplyDelivery({
    conversation,
    channel: (name) => outbox.channel(name),
    budget: (name) => budgets.get(name),
    markUnreachable: (userKey, reason) => outbox.markUnreachable(userKey, reason),
    log,
    now,
    shared: store.kind === 'redis',
    ...(store.kind === 'redis' ? { liveness: storeLiveness(store) } : {}),
  });
  // The one unreachable hook: every feature that keeps something about a person hears it once.
  for (const f of features) if (f.onUnreachable) outbox.onUnreachable((key, reason, at) => f.onUnreachable?.(key, reason, at) ?? Promise.resolve());
  outbox.onUnreachable((key) => conversation.forget(key));

  const turnListeners: TurnListener[] = [];
  const observed = async (message: InboundMessage): Promise<TurnOutput> => {
    const out = await conversation.turn(message);
    for (const listen of turnListeners) {
      try {
        listen(message, out);
      } catch (err) {
        log.warn({ err }, 'turn listener failed');
      }
    }
    return out;
  };
  const host: Host = {
    // Answers stored with the turn are the sender's to deliver; the channel sends only what was not stored.
    handle: async (message) => {
      const out = await observed(message);
      return out.queued ? [] : out.replies;
    },
    turn: observed,
    settled: () => delivery.idle(),
    isStaff: (userKey) => staff.isStaff(userKey),
    markUnreachable: (userKey, reason) => outbox.markUnreachable(userKey, reason),
    alertStaff: (key, vars) => outbox.alertStaff(key, vars),
    log,
  };
  return {
    config,
    office,
    locales,
    classifier: model,
    store,
    log,
    conversation,
    outbox,
    delivery,
    host,
    onTurn: (listener) => void turnListeners.push(listener),
    catalogue,
    complaints,
    announcements,
    consultation,
    features,
    enabledChannels: () => config.channels.filter((c) => c.enabled),
    idle: async () => {
      await Promise.all([...features.map((f) => f.idle?.()), delivery.idle()]);
    },
    health: async () => {
      const probe = store.collection('health', z.unknown());
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('store did not answer')), HEALTH_TIMEOUT_MS);
      });
      const storeOk = await Promise.race([probe.get('ping'), timeout]).then(
        () => true,
        () => false,
      );
      clearTimeout(timer);
      const channels = Object.fromEntries(
        config.channels.filter((c) => c.enabled).map((c) => [c.name, outbox.canSend(c.name) ? ('running' as const) : ('down' as const)]),
      );
      return { ok: storeOk, store: storeOk ? 'ok' : 'down', channels };
    },
    close: () => store.close(),
  };
}

/** A translator for staff replies (Indonesian, the office's working language). */
export function staffTranslator(app: Pick<App, 'locales'>): Translator {
  return new Translator(app.locales, 'id');
}
