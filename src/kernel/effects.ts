/**
 * Effects are what a turn asks the runtime to do with the outside world (store a complaint, change a
 * subscription, run a staff operation). The engine stays a pure function: it returns effects; the runtime
 * runs them *before* any reply is sent, so nothing is acknowledged before it is stored. Each feature
 * declares its own effect types and their runners; this is their common base.
 */
import type { Language } from '../nlu/types.js';
import type { Reply } from './message.js';
import type { Session } from './session.js';

/** The base of every effect: a `kind` that names its runner (`complaint.create`). */
export interface Effect {
  readonly kind: string;
}

/** What an effect runner is given. */
export interface EffectCtx {
  userKey: string;
  language: Language;
  now: Date;
  /** Whether the person is on the staff allow-list. */
  staff: boolean;
}

/** What running an effect produced: replies after the turn's own, and a session change it implies. */
export interface EffectOutcome {
  replies?: Reply[];
  session?: Partial<Session>;
  /**
   * A write that must follow the session write (a subscription change): if the session cannot be stored,
   * it is not done, so a failed turn writes nothing.
   */
  after?: () => Promise<void>;
}

/** Runs one effect kind. */
export type EffectRunner = (effect: Effect, ctx: EffectCtx) => Promise<EffectOutcome>;

/**
 * A runner of effects of type `E`, checked by kind at the registry (the dispatch by `kind` is what makes
 * the narrowing safe).
 */
export function effectRunner<E extends Effect>(
  kind: E['kind'],
  run: (effect: E, ctx: EffectCtx) => Promise<EffectOutcome>,
): Record<string, EffectRunner> {
  return { [kind]: (effect, ctx) => run(effect as E, ctx) };
}

/** Run a staff operation by name with its raw chat arguments (parsed and validated by the catalogue). */
export interface OperationEffect extends Effect {
  readonly kind: 'staff.operation';
  readonly name: string;
  readonly args: string;
}
