/**
 * The turn: the only place where a message meets the store. For each message it takes the person's lock,
 * reads the session, classifies, runs the pure `step()`, runs the turn's effects, writes the session (and
 * only then the writes that must follow it), and hands the replies back to the channel. A turn that throws
 * writes nothing back (grammY's "no catch"), and a store failure is told to the person, never swallowed.
 * It knows the kernel and the step; features reach it only through their registered effect runners.
 */
import type { EffectRunner, Effect } from '../kernel/effects.js';
import type { Knowledge } from '../kernel/knowledge.js';
import { Translator, type Locales } from '../kernel/locale.js';
import type { InboundMessage, Reply } from '../kernel/message.js';
import { callCenter } from '../kernel/office-text.js';
import type { ClosureStatus, OfficeData } from '../kernel/office.js';
import { newSession, Session, type PendingAnswer, type PendingOutbox } from '../kernel/session.js';
import { channelOf } from '../kernel/user-key.js';
import { StoreError } from '../lib/errors.js';
import { cutText } from '../lib/format.js';
import { KeyedLock } from '../lib/keyed-lock.js';
import type { Logger } from '../lib/log.js';
import { mayHaveSeveralParts, segments } from '../nlu/segments.js';
import type { Classifier, Language } from '../nlu/types.js';
import { withReadCache } from '../store/read-cache.js';
import type { Collection, Store } from '../store/store.js';
import { step, type Dialogue, type TurnResult } from './step.js';
import type { StaffDirectory } from './outbox.js';

/** What a handled message produced, for the JSON CLI and tests. */
export interface TurnOutput {
  replies: Reply[];
  /** Absent when the turn failed before the step finished. */
  result?: TurnResult;
  /** Set when the turn could not complete (store down, a bug); `replies` then explain it to the person. */
  error?: Error;
  /** Set when the message was a redelivery of one whose turn is stored (`InboundMessage.id`): nothing to send. */
  duplicate?: true;
  /**
   * Set when `replies` were stored with the turn for the runtime's paced sender to deliver
   * (`InboundMessage.replyAddress` on a channel that delivers durably): the channel must not send them.
   */
  queued?: true;
}

/** What the conversation is built from. */
export interface ConversationDeps {
  dialogue: Dialogue;
  classifier: Classifier;
  store: Store;
  office: OfficeData;
  locales: Locales;
  log: Logger;
  /** The current closure status (state kept by the announcements feature). */
  closure(nowMs: number): Promise<ClosureStatus>;
  /** Every feature's effect runners, by kind. */
  effects: Readonly<Record<string, EffectRunner>>;
  staff: StaffDirectory;
  /** Whether a channel can message people first (from the channel modules' capabilities). */
  canPush(channel: string): boolean;
  /** Whether a running channel delivers its answers durably (`Channel.durable`): its turns store their replies. */
  durable?(channel: string): boolean;
  /** Told after a turn stored answers for `userKey`: the paced sender starts on them. */
  queued?(userKey: string): void;
  settings: {
    /** A session idle longer than this is reset at its next turn. */
    sessionIdleMs: number;
    /** Told in the complaint form's privacy notice. */
    complaintRetentionDays?: number;
  };
  /** The clock; tests move it. */
  now?: () => Date;
  /** Per-person state of features for the turn (`k.features`), by key; read after the person's lock is held. */
  turnState?: readonly { readonly key: string; load(userKey: string, now: Date, session: Session | undefined): Promise<unknown> | undefined }[];
}

/**
 * The cross-instance lock of a person expires this long after its last renewal (the store renews it while
 * the turn runs): a killed instance blocks that person for at most this long.
 */
const TURN_LOCK_MS = 5_000;
/** How long a message waits for that lock: longer than its expiry, so a dead holder's lock frees first. */
const TURN_LOCK_WAIT_MS = 4 * TURN_LOCK_MS;

/** Longest text classified; longer messages are answered from their start (a 100 kB paste must stay cheap). */
export const MAX_TEXT = 4000;

/** Delivery ids kept per session: enough for any redelivery burst of one person. */
const SEEN_KEPT = 50;

/** Keep a session this long past its idle time, so the next turn can say that an open form expired. */
const SESSION_GRACE_MS = 24 * 3_600_000;

/** Answers waiting for one person at most; past it the oldest is given up (a platform down for days). */
export const MAX_PENDING_ANSWERS = 50;

/** What a turn without effects adds: nothing (frozen, shared by those turns). */
const NO_EFFECTS: { replies: readonly Reply[]; patch: Partial<Session>; after: readonly (() => Promise<void>)[] } = Object.freeze({
  replies: Object.freeze([]),
  patch: Object.freeze({}),
  after: Object.freeze([]),
});

/** Moved to lib (channels cut text too); kept here for callers of the runtime. */
export { cutText };

/** The conversation of every person. */
export class Conversation {
  /** Sessions by user key (with a write-through read cache where this process owns the store). */
  readonly sessions: Collection<Session>;
  private readonly lock = new KeyedLock();
  private readonly now: () => Date;

  constructor(private readonly deps: ConversationDeps) {
    this.now = deps.now ?? (() => new Date());
    const sessions = deps.store.collection('sessions', Session);
    // SQLite (and memory) belong to this process alone: keep sessions in memory too and skip a read per turn.
    // With Redis other instances may write a person's session, so every turn reads it.
    this.sessions = deps.store.kind === 'redis' ? sessions : withReadCache(sessions);
  }

  /** Handle one message; resolves with the replies once everything the turn changed is stored. Never rejects. */
  async handle(message: InboundMessage): Promise<Reply[]> {
    return (await this.turn(message)).replies;
  }

  /** Handle one message and say what happened (intent, score) as well as the replies. Never rejects. */
  turn(message: InboundMessage): Promise<TurnOutput> {
    return this.lock.run(message.userKey, () => this.turnLocked(message));
  }

  /** Forget a person's session (they can no longer be reached). */
  async forget(userKey: string): Promise<void> {
    await this.sessions.delete(userKey);
  }

  private async turnLocked(message: InboundMessage): Promise<TurnOutput> {
    const now = this.now();
    let release: (() => Promise<void>) | undefined;
    try {
      // Another instance on the same Redis may be serving this person: take turns across processes too.
      // (No await at all where there is no such lock: a promise and a microtask less a turn.)
      if (this.deps.store.lock) release = await this.storeLock(message.userKey);
      const text = cutText(message.text, MAX_TEXT);
      const [stored, closure] = await Promise.all([this.readSession(message.userKey), this.deps.closure(now.getTime())]);
      if (message.id !== undefined && stored?.seen?.includes(message.id)) {
        this.deps.log.info({ user: message.userKey, id: message.id }, 'redelivered message already handled: ignored');
        return { replies: [], duplicate: true };
      }
      const session = stored ?? newSession(now);
      const loading = this.featureState(message.userKey, now, stored);
      const features = loading instanceof Promise ? await loading : loading;
      const retention = this.deps.settings.complaintRetentionDays;
      // The same keys in the same order either way, without a spread of a temporary object per turn.
      const knowledge: Knowledge =
        retention !== undefined
          ? { office: this.deps.office, closure, locales: this.deps.locales, now, sessionIdleMs: this.deps.settings.sessionIdleMs, complaintRetentionDays: retention, features }
          : { office: this.deps.office, closure, locales: this.deps.locales, now, sessionIdleMs: this.deps.settings.sessionIdleMs, features };
      const classification = this.deps.classifier.classify(text);
      // Several questions in one message: each part is classified too (when the step asks), so it can answer each.
      const parts = () => {
        if (!mayHaveSeveralParts(text)) return [];
        const pieces = segments(text);
        return pieces.length > 1 ? pieces.slice(0, 5).map((p) => ({ text: p, c: this.deps.classifier.classify(p) })) : [];
      };
      const channel = channelOf(message.userKey) ?? '';
      const staff = this.deps.staff.isStaff(message.userKey);
      const result = step(this.deps.dialogue, text === message.text ? message : { ...message, text }, classification, session, knowledge, {
        staff,
        canPush: this.deps.canPush(channel),
      }, parts);
      // Most turns have no effect: no async call (and its promises) for nothing.
      const { replies, patch, after } =
        result.effects.length > 0 ? await this.runEffects(message.userKey, result.effects, result.language, now, staff) : NO_EFFECTS;
      const all = [...result.replies, ...replies];
      // The delivery id, and the answer where the channel delivers durably, go into the same write as the
      // turn: stored together, or not at all.
      const seen = message.id === undefined ? stored?.seen : [...(stored?.seen ?? []), message.id].slice(-SEEN_KEPT);
      const address = message.replyAddress;
      const queue = address !== undefined && all.length > 0 && (this.deps.durable?.(channel) ?? false);
      const outbox = queue
        ? this.enqueue(message.userKey, stored?.outbox, { turn: result.session.turns, to: address, replies: all, next: 0, at: now.toISOString() })
        : stored?.outbox;
      // Assigned onto one copy: the same keys in the same order (so the same stored text) as spreading
      // each part after the other, without the slow generic spreads of the later parts.
      const next: Session = { ...result.session };
      Object.assign(next, patch);
      if (seen) next.seen = seen;
      // The outbox is the stored one (the step's session may be a new one) with this turn's answer added.
      next.outbox = outbox && outbox.answers.length > 0 ? outbox : undefined;
      await this.sessions.set(message.userKey, next, this.deps.settings.sessionIdleMs + SESSION_GRACE_MS);
      for (const write of after) await write();
      if (queue) this.deps.queued?.(message.userKey);
      return queue ? { replies: all, result, queued: true } : { replies: all, result };
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      this.deps.log.error({ err: error, user: message.userKey }, 'turn failed; nothing was written');
      return { replies: [this.failureReply(error)], error };
    } finally {
      if (release) await release();
    }
  }

  /**
   * Read, change and write one person's session under their lock (the same lock as their turns): the paced
   * sender records each piece it sends this way. `change` returns the new session (undefined: write nothing)
   * and a value for the caller; a session that is gone stays gone. `alongside`, when `change` returns one, is
   * called as soon as the write is answered (in that turn of the event loop, before the lock is released; not
   * before the answer: the Redis client writes a command a turn later, and a request gone out ahead of its
   * claim is sent again after a crash): the paced sender's platform call leaves right after its claim, with
   * no lock release or other store call between them where a stall of this process could put a kill (a piece
   * then counted as maybe delivered that never was).
   * @throws StoreError
   */
  update<V>(userKey: string, change: (session: Session | undefined) => { session?: Session; value: V; alongside?: () => void }): Promise<V> {
    return this.lock.run(userKey, async () => {
      const release = await this.storeLock(userKey);
      try {
        const { session, value, alongside } = change(await this.readSession(userKey));
        if (session) await this.sessions.set(userKey, session, this.deps.settings.sessionIdleMs + SESSION_GRACE_MS);
        alongside?.();
        return value;
      } finally {
        await release?.();
      }
    });
  }

  /** The person's lock in a store shared by several processes (Redis); none where one process owns it. */
  private storeLock(userKey: string): Promise<(() => Promise<void>) | undefined> {
    return this.deps.store.lock?.(`turn:${userKey}`, TURN_LOCK_MS, TURN_LOCK_WAIT_MS) ?? Promise.resolve(undefined);
  }

  /** The outbox with `answer` added, the oldest given up (and logged) when it is full. */
  private enqueue(userKey: string, outbox: PendingOutbox | undefined, answer: PendingAnswer): PendingOutbox {
    const answers = [...(outbox?.answers ?? []), answer];
    const dropped = answers.splice(0, Math.max(0, answers.length - MAX_PENDING_ANSWERS));
    if (dropped.length > 0) this.deps.log.error({ user: userKey, dropped: dropped.length }, 'answers never delivered given up: the outbox is full');
    return { ...outbox, answers };
  }

  /**
   * What each feature loaded about this person for the turn: at once when no loader had anything to read
   * (most people: no promise, no await), else once the reads are done. @throws StoreError
   */
  private featureState(userKey: string, now: Date, session: Session | undefined): Record<string, unknown> | Promise<Record<string, unknown>> {
    const loaders = this.deps.turnState ?? [];
    const state: Record<string, unknown> = {};
    if (loaders.length === 0) return state;
    // One loader (consultation, today): its value without the arrays and the extra promise of `Promise.all`.
    const [only] = loaders;
    if (loaders.length === 1 && only) {
      const loading = only.load(userKey, now, session);
      if (loading === undefined) {
        state[only.key] = undefined;
        return state;
      }
      return loading.then((value) => {
        state[only.key] = value;
        return state;
      });
    }
    return Promise.all(loaders.map((l) => l.load(userKey, now, session))).then((values) => {
      for (const [i, l] of loaders.entries()) state[l.key] = values[i];
      return state;
    });
  }

  /** A session that cannot be read back (corrupt) starts over instead of blocking the person. */
  private async readSession(userKey: string): Promise<Session | undefined> {
    try {
      return await this.sessions.get(userKey);
    } catch (err) {
      if (err instanceof StoreError && err.kind === 'invalid-record') {
        this.deps.log.warn({ user: userKey }, 'unreadable session replaced by a new one');
        return undefined;
      }
      throw err;
    }
  }

  /** Run the turn's effects in order; their replies follow the turn's own. */
  private async runEffects(
    userKey: string,
    effects: readonly Effect[],
    language: Language,
    now: Date,
    staff: boolean,
  ): Promise<{ replies: Reply[]; patch: Partial<Session>; after: (() => Promise<void>)[] }> {
    const replies: Reply[] = [];
    const patch: Partial<Session> = {};
    const after: (() => Promise<void>)[] = [];
    for (const effect of effects) {
      const run = this.deps.effects[effect.kind];
      if (!run) throw new Error(`no runner for effect "${effect.kind}": register it in the feature's runtime`);
      const out = await run(effect, { userKey, language, now, staff });
      if (out.replies) replies.push(...out.replies);
      if (out.session) Object.assign(patch, out.session);
      if (out.after) after.push(out.after);
    }
    return { replies, patch, after };
  }

  /**
   * The reply when a turn could not complete, in Indonesian (the session and its language are unknown): a
   * store outage says "try again shortly"; anything else is our fault, said as such. Both give the call center.
   */
  private failureReply(error: Error): Reply {
    const t = new Translator(this.deps.locales, 'id');
    const key = error instanceof StoreError ? 'error.store' : 'error.internal';
    return t.reply(key, { callcenter: callCenter(t, this.deps.office) });
  }
}
