/**
 * The feature seam: what a capability (`src/features/<name>/`) contributes to the bot. A feature has two
 * halves:
 * - its **dialogue** (pure, static): intent handlers, flows registered by id, citizen slash commands, and
 *   matchers that decide an intent before classification. The turn's `step()` dispatches over the dialogues
 *   of every feature; the composition root proves with `tsc` that every intent has exactly one handler.
 * - its **runtime** (built once by the composition root from narrow ports): effect runners, staff operations,
 *   background jobs, and listeners of the "unreachable" hook.
 * Features never import each other or the runtime: what they share lives in the kernel.
 */
import type { Classification, IntentName, Language } from '../nlu/types.js';
import type { Effect, EffectRunner } from './effects.js';
import type { Knowledge } from './knowledge.js';
import type { Translator } from './locale.js';
import type { InboundMessage, Reply, SendReceipt } from './message.js';
import type { Operation } from './operation.js';
import type { Session } from './session.js';

/** Who is talking, as the runtime established it (the staff allow-list is checked by platform id). */
export interface Caller {
  staff: boolean;
  /** Whether the person's channel can message them first (announcements, notifications). */
  canPush: boolean;
  /** Whether the person's channel gives their phone number (no need to ask for a contact). */
  knowsPhone?: boolean;
}

/** What a handler returns; the step adds the bookkeeping (language, turn count, idle time). */
export interface Handled {
  replies: Reply[];
  effects?: Effect[];
  session?: Partial<Session>;
}

/** Everything a handler of one turn sees. Plain data: no I/O, the clock is `k.now`. */
export interface TurnCtx {
  t: Translator;
  k: Knowledge;
  /** The session as this turn found it (an idle one already reset). */
  session: Session;
  message: InboundMessage;
  /** The trimmed text. */
  text: string;
  /** The classification of the text (also carries its normalised form). */
  c: Classification;
  caller: Caller;
  /** The intent a bare menu number in the text picks, if it is one. */
  menuPick: IntentName | undefined;
}

/** The handler of one intent. */
export type IntentHandler = (ctx: TurnCtx) => Handled;

/**
 * How the step goes on after a flow looked at a message:
 * - `handled`: the flow answered (`intent` names the flow's topic for reports);
 * - `detour`: answer the message as usual, then append `after` (the form's current question); the form stays;
 * - `release`: the flow is over (`session` clears it); answer the message as usual, prefixed by `before`.
 */
export type FlowTurn =
  | { kind: 'handled'; intent: IntentName; result: Handled; language?: Language }
  | { kind: 'detour'; after: Reply[]; session?: Partial<Session>; effects?: Effect[] }
  | { kind: 'release'; before: Reply[]; session: Partial<Session>; effects?: Effect[] };

/** A multi-turn form owned by a feature, found by `session.flow.kind`. */
export type FlowHandler = (ctx: TurnCtx) => FlowTurn;

/** A flow outside the session: a turn it takes, or undefined to let the turn go on as usual. */
export type Intercept = (ctx: TurnCtx) => FlowTurn | undefined;

/** The pure half of a feature. */
export interface FeatureDialogue {
  /** Handlers of the intents this feature answers. */
  readonly intents?: Partial<Record<IntentName, IntentHandler>>;
  /** Flows by `session.flow.kind`. */
  readonly flows?: Readonly<Record<string, FlowHandler>>;
  /** Citizen slash commands (`/langganan`) and the intent each stands for. */
  readonly commands?: Readonly<Record<string, IntentName>>;
  /** `/start <payload>` deep links and the intent each opens. */
  readonly startPayloads?: Readonly<Record<string, IntentName>>;
  /** An intent decided before classification (a bare ticket number, `STOP`), or undefined. */
  readonly preempt?: (text: string) => IntentName | undefined;
  /** The intent a bare menu number picks (`"3"`, `"no 3"`); only the feature that owns the menu gives it. */
  readonly menuPick?: (text: string) => IntentName | undefined;
  /**
   * A flow that lives outside the session: it sees every message first (before the session's form), decided
   * by what the feature's runtime loaded for this person (`k.features[<key>]`, see `FeatureRuntime.turnState`).
   * Undefined lets the turn go on as usual. (A conversation handed to a person is state staff change, not the
   * citizen's turn, so it cannot live in the citizen's session.)
   */
  readonly intercept?: Intercept;
  /** The menu under an intro line (`command.unknown`), from the feature that owns the menu. */
  readonly menu?: (t: Translator, introKey: string, vars?: Record<string, string>) => Reply;
}

/** A staff notice or message a feature sends outside a turn, through the outbox. */
export interface OutboxPort {
  /**
   * Send to a person on the channel of their key.
   * @throws PlatformApiError / NetworkError from the channel; ChannelUnavailable when it does not run here.
   */
  sendTo(userKey: string, replies: readonly Reply[], opts?: { retry?: boolean }): Promise<SendReceipt[]>;
  /**
   * Tell staff (the staff chat, else every allow-listed id). Best effort: resolves with how many got it and
   * the receipts of what was sent, per staff chat (so a staff reply to a notice can be recognised).
   */
  notifyStaff(replies: readonly Reply[]): Promise<StaffNotice>;
  /** Whether a channel of this name runs in this process. */
  canSend(channel: string): boolean;
}

/** What telling staff did. */
export interface StaffNotice {
  /** How many staff chats got it. */
  delivered: number;
  /** The receipts of what was sent, per staff chat key (replies to them can be recognised). */
  receipts: { to: string; receipts: SendReceipt[] }[];
}

/** The runtime half of a feature, built once from ports. */
export interface FeatureRuntime {
  /** Runners of the effects this feature's dialogue returns, by effect kind. */
  readonly effects?: Readonly<Record<string, EffectRunner>>;
  /** Staff operations (chat commands, CLI subcommands, console actions are derived from them). */
  readonly operations?: readonly Operation[];
  /**
   * What this feature knows about a person at the start of each of their turns (plain data), given to the
   * dialogue as `k.features[key]`: state other people change (staff answering a consultation).
   */
  /**
   * What this feature loads for a person before their turn; it sees the stored session first, so a person
   * the feature never dealt with costs no store read (every message passes here). `load` returns undefined
   * (not a promise of it) when there is nothing to load for this person: the turn then awaits nothing.
   */
  readonly turnState?: { readonly key: string; load(userKey: string, now: Date, session: Session | undefined): Promise<unknown> | undefined };
  /** Called once when a platform says a person cannot be reached any more. */
  onUnreachable?(userKey: string, reason: string, now: Date): Promise<void>;
  /**
   * Load what `start` needs (modules) before the channels start: loading a large module blocks the event loop
   * for hundreds of milliseconds (BullMQ: ~0.6 s), which in a service's first second delayed turns and the
   * answers resumed after a restart (a kill -9 then landed between a piece's claim and its request).
   */
  prepare?(): Promise<void>;
  /** Background jobs of a running service (sweeps, delivery workers): started after the channels. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Resolves once background work (notices in flight) has settled: tests and shutdown. */
  idle?(): Promise<void>;
}

/** What every feature's runtime is built from (each feature takes its own settings beside these). */
export interface FeaturePorts {
  store: import('../store/store.js').Store;
  office: import('./office.js').OfficeData;
  locales: import('./locale.js').Locales;
  log: import('../lib/log.js').Logger;
  outbox: OutboxPort;
  /** The clock; tests move it. */
  now: () => Date;
}
