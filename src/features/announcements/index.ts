/**
 * Announcements: the closure status citizens are told (changed by staff), subscriptions to announcements,
 * and broadcasts to every subscriber (drafts, one scheduler over two delivery backends, reports).
 * - dialogue: `langganan` / `berhenti` / the bare word STOP; a channel that cannot push (the console) never
 *   offers or confirms a subscription;
 * - runtime: the `subscription.set` effect (written after the turn's session), the staff operations, the
 *   delivery worker (BullMQ with a Redis URL, else in-process) and the unreachable listener.
 * No platform is named here: the channels are the registry's, passed in the settings.
 */
import { effectRunner, type Effect, type EffectRunner } from '../../kernel/effects.js';
import type { FeatureDialogue, FeaturePorts, FeatureRuntime, IntentHandler } from '../../kernel/feature.js';
import { Translator } from '../../kernel/locale.js';
import type { Operation } from '../../kernel/operation.js';
import { channelOf } from '../../kernel/user-key.js';
import type { PushChannel } from './channels.js';
import { announcementOperations } from './operations.js';
import { LocalBroadcastQueue } from './queue-local.js';
import { finalReply, progressReply } from './report.js';
import { BroadcastRepository } from './repository.js';
import type { Broadcast } from './schema.js';
import { BroadcastService } from './service.js';
import { ClosureState, Subscriptions } from './state.js';
import type { BroadcastWorker, DeliverySettings, WorkerDeps } from './worker.js';

export type { PushChannel } from './channels.js';
export type { BroadcastWorker, DeliverySettings, WorkerDeps } from './worker.js';
export { ClosureState, Subscriptions } from './state.js';
export { BroadcastService } from './service.js';

/** Subscribe or unsubscribe the person of the turn (`via`: how it was asked, kept in the history). */
export interface SubscriptionSetEffect extends Effect {
  readonly kind: 'subscription.set';
  readonly subscribed: boolean;
  readonly via: string;
}

/** The bare word `STOP` (any case, alone) unsubscribes, as people expect from SMS and chat lists. */
const STOP_WORD = /^\s*(stop|berhenti|unsubscribe)\s*[.!]?\s*$/i;

/** Whether `text` is only the stop word. */
export function isStopWord(text: string): boolean {
  return STOP_WORD.test(text);
}

const subscribe: IntentHandler = (ctx) => {
  // Only explicit wording gets here (the intent, /langganan, the deep link); a channel that cannot message
  // first would confirm a subscription that never delivers.
  if (!ctx.caller.canPush) return { replies: [ctx.t.reply('subscribe.unavailable', { office: ctx.k.office.shortName, website: ctx.k.office.website })] };
  const effect: SubscriptionSetEffect = { kind: 'subscription.set', subscribed: true, via: 'chat' };
  return {
    replies: [ctx.t.reply('subscribe.done', { office: ctx.k.office.shortName })],
    effects: [effect],
    session: { subscribeOffered: true },
  };
};

const unsubscribe: IntentHandler = (ctx) => {
  const effect: SubscriptionSetEffect = { kind: 'subscription.set', subscribed: false, via: 'chat' };
  return { replies: [ctx.t.reply('unsubscribe.done')], effects: [effect] };
};

/** The pure half: subscribing and leaving. */
export const announcementsDialogue = {
  intents: { subscribe, unsubscribe },
  commands: { langganan: 'subscribe', subscribe: 'subscribe', berhenti: 'unsubscribe', stop: 'unsubscribe', unsubscribe: 'unsubscribe' },
  startPayloads: { langganan: 'subscribe' },
  preempt: (text: string) => (isStopWord(text) ? 'unsubscribe' : undefined),
} satisfies FeatureDialogue;

/** The settings of the announcements feature. */
export interface AnnouncementSettings {
  /**
   * Every registered channel that can push (`capabilities.push`), with its label and delivery profile, whether
   * or not it runs in this process: the CLI counts and queues for channels the service runs.
   */
  channels: readonly PushChannel[];
  /** With a Redis URL the delivery worker is BullMQ's (several instances share one rate), else in-process. */
  redisUrl?: string;
  /** Key prefix of the BullMQ queues (tests). */
  queuePrefix?: string;
  /** Progress to the author at most this often (BROADCAST_PROGRESS_SECONDS × 1000). */
  progressEveryMs: number;
  /** How often the worker looks at the store (default 1000 ms). */
  pollMs?: number;
  /**
   * A broadcast send said this person cannot be reached and the channel did not report it itself (a 400
   * "chat not found"; a 403 is reported by the channel): the composition root wires this to the outbox's one
   * unreachable hook (which calls every feature's `onUnreachable`, this one's included). Called once per
   * event; absent, only the delivery is marked `unreachable`.
   */
  onUnreachable?(userKey: string, reason: string): Promise<void>;
}

/** The running announcements feature. */
export interface AnnouncementsRuntime extends FeatureRuntime {
  readonly closure: ClosureState;
  readonly subscriptions: Subscriptions;
  readonly broadcasts: BroadcastService;
  readonly operations: readonly Operation[];
  readonly effects: Readonly<Record<string, EffectRunner>>;
  /** Unsubscribe a person a platform says cannot be reached (history: `unreachable: <reason>`). */
  onUnreachable(userKey: string, reason: string, now: Date): Promise<void>;
  /** Start the delivery worker (BullMQ on `redisUrl`, else in-process). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once the in-process worker has no broadcast in flight. */
  idle(): Promise<void>;
  /** The delivery settings of this runtime. */
  readonly delivery: DeliverySettings;
  /** The worker's dependencies from this runtime's ports, with `overrides` (tests inject sends and reports). */
  workerDeps(overrides?: Partial<WorkerDeps>): WorkerDeps;
  /** A delivery worker for these settings, not started (`start()` builds and starts one itself). */
  createWorker(deps?: WorkerDeps): Promise<BroadcastWorker>;
}

/** Build the announcements feature's runtime once. */
export function createAnnouncements(ports: FeaturePorts, settings: AnnouncementSettings): AnnouncementsRuntime {
  const { store, office, locales, log, outbox } = ports;
  const subscriptions = new Subscriptions(store);
  const closure = new ClosureState(store, office);
  const broadcasts = new BroadcastService(new BroadcastRepository(store), subscriptions);
  const pushes = (name: string): boolean => settings.channels.some((c) => c.name === name);
  const delivery: DeliverySettings = {
    channels: settings.channels,
    timeZone: office.timezone,
    progressEveryMs: settings.progressEveryMs,
    pollMs: settings.pollMs ?? 1000,
  };
  const staffT = new Translator(locales, 'id');

  /** Progress and the final report go to the author when their channel runs here; else they are logged. */
  const report = async (b: Broadcast, final: boolean): Promise<void> => {
    const channel = channelOf(b.createdBy);
    if (!channel || !outbox.canSend(channel)) {
      log.info({ broadcast: b.id, final, status: b.status, counts: b.counts }, 'broadcast progress (the author has no chat here)');
      return;
    }
    try {
      await outbox.sendTo(b.createdBy, [final ? finalReply(staffT, b, settings.channels) : progressReply(staffT, b)]);
    } catch (err) {
      log.warn({ err, broadcast: b.id }, 'broadcast report not delivered');
    }
  };

  const workerDeps = (overrides: Partial<WorkerDeps> = {}): WorkerDeps => ({
    repo: broadcasts.repo,
    subscriptions,
    // The lane paces and retries itself; a 429 must reach it at once to pause the whole lane.
    send: async (userKey, replies) => {
      await outbox.sendTo(userKey, replies, { retry: false });
    },
    ...(settings.onUnreachable ? { onUnreachable: settings.onUnreachable } : {}),
    canSend: (name) => pushes(name) && outbox.canSend(name),
    report,
    settings: delivery,
    log,
    now: ports.now,
    ...overrides,
  });

  // Loaded once, by `prepare` before the channels start (or at the first worker).
  let bullmq: Promise<typeof import('./queue-bullmq.js')> | undefined;
  const loadBullmq = () => (bullmq ??= import('./queue-bullmq.js'));
  const createWorker = async (deps: WorkerDeps = workerDeps()): Promise<BroadcastWorker> => {
    if (settings.redisUrl) {
      const { BullBroadcastQueue } = await loadBullmq();
      return new BullBroadcastQueue(deps, { redisUrl: settings.redisUrl, ...(settings.queuePrefix ? { prefix: settings.queuePrefix } : {}) });
    }
    return new LocalBroadcastQueue(deps);
  };

  let worker: BroadcastWorker | undefined;

  return {
    closure,
    subscriptions,
    broadcasts,
    delivery,
    operations: announcementOperations({ closure, broadcasts, office, locales, log, channels: settings.channels }),
    effects: effectRunner<SubscriptionSetEffect>('subscription.set', async (effect, ctx) => {
      const channel = channelOf(ctx.userKey);
      if (effect.subscribed && (!channel || !pushes(channel))) {
        // The dialogue never asks this on such a channel; a subscription there could never be delivered.
        log.warn({ channel }, 'subscription refused: the channel cannot push');
        return {};
      }
      // After the session write: a turn whose session cannot be stored changes no subscription.
      return { after: async () => void (await subscriptions.set(ctx.userKey, effect.subscribed, effect.via, ctx.now)) };
    }),
    async onUnreachable(userKey, reason, now) {
      await subscriptions.set(userKey, false, `unreachable: ${reason}`, now);
    },
    workerDeps,
    createWorker,
    async prepare() {
      if (settings.redisUrl) await loadBullmq();
    },
    async start() {
      if (worker) return;
      worker = await createWorker();
      await worker.start();
    },
    async stop() {
      await worker?.stop();
      worker = undefined;
    },
    async idle() {
      await worker?.idle?.();
    },
  };
}
