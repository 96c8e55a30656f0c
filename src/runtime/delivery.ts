/**
 * The paced, durable sender of answers. A turn on a channel that delivers durably stores its replies in the
 * person's session, in the same write as the turn (`Conversation`); this sends them, one platform message
 * (piece) at a time, in turn order, under the channel's shared budget (replies before announcements), and
 * records each piece around the call: `sending` before, the count after. So:
 * - nothing is dropped above the platform's rate: a 429 pauses the channel and the piece waits its turn;
 * - a crash never cuts an answer short: the next process resumes at the first piece not confirmed;
 * - nothing is sent twice after a crash: a piece found `sending` has an unknown fate, and is counted, not
 *   resent (the window is one platform call, which leaves in the turn of the event loop where the claim's
 *   write is answered: made ready before the claim, connected and rendered, only its last write is left);
 * - two instances on one store never send one person's answers at once: the queue has one owner at a time,
 *   with a lease renewed at each piece, taken over when a dead owner's lease runs out.
 * A network error or a 5xx (the call did not go through, or we cannot tell) is retried with backoff until
 * the answer is older than the horizon: a person rather gets an answer late (or, rarely, twice) than never.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Channel, PreparedPiece } from '../kernel/channel.js';
import { withoutOutbox, type PendingAnswer, type Session } from '../kernel/session.js';
import { NetworkError, PlatformApiError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { SendBudget } from '../lib/pacing.js';
import { DEFAULT_RETRY } from '../lib/retry.js';
import { sleep } from '../lib/time.js';
import { channelOf } from '../kernel/user-key.js';
import type { Store } from '../store/store.js';
import type { Conversation } from './conversation.js';

/** How long after a store failure a person's delivery is tried again. */
const RETRY_AFTER_STORE_FAILURE_MS = 5000;

/** What the sender is built from. */
export interface DeliveryDeps {
  conversation: Pick<Conversation, 'update' | 'sessions'>;
  /** The running channel of that name, if it runs here. */
  channel(name: string): Channel | undefined;
  /** The channel's sending budget (shared with its announcements). */
  budget(name: string): SendBudget | undefined;
  /** The platform says this person cannot be reached (403). */
  markUnreachable(userKey: string, reason: string): Promise<void>;
  log: Logger;
  now?: () => Date;
  /** This process's id, as owner of the queues it sends (a random one by default). */
  instance?: string;
  /**
   * Whether other processes share the store (Redis): then queues left by a dead one are looked for often, and
   * another owner's lease is honoured while it is alive. On a store of this process alone, another owner is
   * a process that died: its queues are taken at once.
   */
  shared?: boolean;
  /**
   * Which processes are alive, on a shared store: each beats every `BEAT_MS` (a record that expires after
   * `BEAT_TTL_MS`), so a queue whose owner stopped beating is taken without waiting out its lease.
   */
  liveness?: {
    beat(instance: string, ttlMs: number): Promise<void>;
    alive(instance: string): Promise<boolean>;
  };
  settings?: {
    /** How long a queue stays with its owner after its last claim or confirmation (default 10 s). */
    leaseMs?: number;
    /** An answer not delivered after this long is given up (default 24 h). */
    horizonMs?: number;
    /** First and longest wait between tries after a network error or a 5xx. */
    baseDelayMs?: number;
    maxDelayMs?: number;
  };
}

/** What the sender has done since start (the console's metrics, the soak). */
export interface DeliveryStats {
  /** Pieces confirmed sent. */
  sent: number;
  /** Pieces found `sending` after a crash: maybe delivered, not sent again. */
  unknown: number;
  /** Pieces given up: refused by the platform (400), or older than the horizon. */
  givenUp: number;
  /** 429s waited out. */
  rateLimited: number;
  /** Tries that failed on the network or a 5xx and were tried again. */
  retried: number;
}

/** The next piece of a person's queue, as read under their lock. */
interface Next {
  answer: PendingAnswer;
  channel: Channel;
  pieces: number;
}

type Peek = { kind: 'none' } | { kind: 'later' } | { kind: 'held'; owner: string; until: number } | ({ kind: 'piece' } & Next);

/** How often a process says it is alive (shared stores). */
const BEAT_MS = 1000;
/** A process that has not said so for this long is taken for dead: its queues are taken over. */
const BEAT_TTL_MS = 3000;

/** The paced, durable sender of every channel that delivers durably. */
export class ReplyDelivery {
  readonly stats: DeliveryStats = { sent: 0, unknown: 0, givenUp: 0, rateLimited: 0, retried: 0 };
  private readonly instance: string;
  private readonly now: () => Date;
  private readonly leaseMs: number;
  private readonly horizonMs: number;
  private readonly draining = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly stopping = new AbortController();
  private sweeper: NodeJS.Timeout | undefined;
  private beater: NodeJS.Timeout | undefined;
  /** Owners found dead (no beat): their leases are not waited out. Kept small (owners are per process start). */
  private readonly dead = new Set<string>();

  constructor(private readonly deps: DeliveryDeps) {
    this.instance = deps.instance ?? randomUUID();
    this.now = deps.now ?? (() => new Date());
    this.leaseMs = deps.settings?.leaseMs ?? 10_000;
    this.horizonMs = deps.settings?.horizonMs ?? 24 * 3_600_000;
  }

  /** People whose answers are being sent now. */
  get active(): number {
    return this.draining.size;
  }

  /** Start sending `userKey`'s stored answers (a turn just stored one). Never throws. */
  kick(userKey: string): void {
    if (this.stopping.signal.aborted) return;
    if (this.draining.has(userKey)) {
      // The running loop may be past its last look at the queue: look again when it ends.
      this.again.add(userKey);
      return;
    }
    const task = this.drain(userKey)
      .catch((err: unknown) => {
        // The store failed under us: what is stored stays stored; look again in a while.
        this.deps.log.error({ err, user: userKey }, 'answer delivery interrupted; tried again shortly');
        if (!this.stopping.signal.aborted) setTimeout(() => this.kick(userKey), RETRY_AFTER_STORE_FAILURE_MS).unref();
      })
      .finally(() => {
        this.draining.delete(userKey);
        if (this.again.delete(userKey)) this.kick(userKey);
      });
    this.draining.set(userKey, task);
  }

  /**
   * Look for stored answers not delivered (after a restart, or a channel that just started) and send them.
   * With a shared store, keeps looking every lease, for queues a dead instance left.
   * @returns how many people had answers waiting
   */
  async resume(channel?: string): Promise<number> {
    let found = 0;
    for await (const [userKey, session] of this.deps.conversation.sessions.entries()) {
      if (this.stopping.signal.aborted) break;
      if (!session.outbox || session.outbox.answers.length === 0) continue;
      if (channel !== undefined && channelOf(userKey) !== channel) continue;
      found += 1;
      this.kick(userKey);
    }
    if (found > 0) this.deps.log.info({ people: found, channel }, 'stored answers not yet delivered: sending them');
    if (this.deps.shared && this.deps.liveness && !this.beater && !this.stopping.signal.aborted) {
      const { liveness } = this.deps;
      const beat = () => liveness.beat(this.instance, BEAT_TTL_MS).catch((err: unknown) => this.deps.log.warn({ err }, 'saying this process is alive failed'));
      await beat();
      this.beater = setInterval(() => void beat(), BEAT_MS);
      this.beater.unref();
    }
    if (this.deps.shared && !this.sweeper && !this.stopping.signal.aborted) {
      this.sweeper = setInterval(() => {
        this.resume().catch((err: unknown) => this.deps.log.warn({ err }, 'looking for undelivered answers failed'));
      }, this.leaseMs);
      this.sweeper.unref();
    }
    return found;
  }

  /** Resolves once no answer is being sent (tests; shutdown after `stop`). */
  async idle(): Promise<void> {
    while (this.draining.size > 0) await Promise.allSettled([...this.draining.values()]);
  }

  /**
   * Stop taking pieces; the calls in flight finish and are recorded. What is left stays stored for the next
   * start. Waits at most `graceMs` for them.
   */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping.abort();
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.beater) clearInterval(this.beater);
    await Promise.race([this.idle(), sleep(graceMs)]);
  }

  /** Send one person's queue until it is empty, owned by another process, or its channel is not here. */
  private async drain(userKey: string): Promise<void> {
    const signal = this.stopping.signal;
    let failures = 0;
    while (!signal.aborted) {
      const peek = await this.deps.conversation.update(userKey, (s) => this.peek(userKey, s));
      if (peek.kind === 'held') {
        // Another process holds the queue. Dead (it stopped beating): take it now. Else look again later.
        if (await this.isDead(peek.owner)) {
          if (this.dead.size >= 1000) this.dead.clear();
          this.dead.add(peek.owner);
          this.deps.log.info({ user: userKey }, 'answers of a process that stopped: taken over');
          continue;
        }
        // With beats, look sooner: a live owner that dies is found dead once its last beat expired.
        const leaseLeft = peek.until - this.now().getTime() + 100;
        const wait = Math.max(100, this.deps.liveness ? Math.min(leaseLeft, BEAT_TTL_MS) : leaseLeft);
        setTimeout(() => this.kick(userKey), wait).unref();
        return;
      }
      if (peek.kind !== 'piece') return;
      const { answer, channel } = peek;
      const durable = channel.durable;
      if (!durable) return;
      const { chat, group } = durable.chatOf(answer.to);
      const budget = this.deps.budget(channel.name);
      if (budget && !(await budget.take(`${channel.name}:${chat}`, 'reply', signal, group))) return;
      const index = answer.next;
      // Made ready before its claim (`DurableReplies.prepare`: connected, rendered, all of the request written
      // but its body), so that after the claim's answer one write is left: a process killed between a claim
      // stored and a request gone leaves a piece counted as maybe delivered that never was (the soak's Redis
      // kill rows: a kill landed between the claim's answer and a request still connecting or being built).
      let prepared: PreparedPiece | undefined;
      try {
        prepared = await durable.prepare?.(answer.to, answer.replies, index);
      } catch (err) {
        // Nothing claimed, nothing sent: tried again after a while.
        this.stats.retried += 1;
        this.deps.log.warn({ err, user: userKey }, 'answer piece could not be made ready; tried again');
        failures += 1;
        if (!(await sleep(this.backoff(failures), signal))) return;
        continue;
      }
      // The piece leaves as soon as its claim (`sending`) is stored, in that turn of the event loop, before
      // the lock's release.
      let sending: Promise<void> | undefined;
      const send = () => {
        sending = prepared ? prepared.send() : durable.sendPiece(answer.to, answer.replies, index);
        // Awaited below; until then (or when the claim's write fails) it must not be an unhandled rejection.
        sending.catch(() => undefined);
      };
      let claimed: boolean;
      try {
        claimed = await this.deps.conversation.update(userKey, (s) => {
          const claim = this.claim(s, answer.turn, index);
          return claim.value ? { ...claim, alongside: send } : claim;
        });
      } catch (err) {
        // The claim's write failed (nothing sent: the prepared request is dropped), or the lock's release
        // failed after the request left: the claim is stored, the outcome is written down by the next look
        // at the queue (a piece still `sending` is counted, not sent again).
        if (!sending) prepared?.cancel();
        await sending?.catch(() => undefined);
        throw err;
      }
      if (!claimed || !sending) {
        prepared?.cancel();
        continue;
      }
      try {
        await sending;
      } catch (err) {
        const outcome = await this.failed(userKey, channel.name, err, answer.turn, index, peek.pieces);
        if (outcome === 'stop') return;
        if (outcome === 'backoff') {
          failures += 1;
          if (!(await sleep(this.backoff(failures), signal))) return;
        }
        continue;
      }
      failures = 0;
      this.stats.sent += 1;
      await this.record(userKey, answer.turn, index, index + 1 >= peek.pieces ? 'done' : 'next');
    }
  }

  /**
   * The next piece to send, under the person's lock: takes the queue when nobody (alive) holds it; settles a
   * piece a crash left `sending` (counted, never resent) and answers past the horizon, writing that down.
   */
  private peek(userKey: string, session: Session | undefined): { session?: Session; value: Peek } {
    const outbox = session?.outbox;
    if (!session || !outbox || outbox.answers.length === 0) return { value: { kind: 'none' } };
    const nowMs = this.now().getTime();
    if (this.heldByOther(outbox.owner, outbox.until, nowMs)) return { value: { kind: 'held', owner: outbox.owner ?? '', until: outbox.until ?? nowMs } };
    const name = channelOf(userKey) ?? '';
    const channel = this.deps.channel(name);
    if (!channel?.durable) return { value: { kind: 'later' } };
    const answers = [...outbox.answers];
    // Taking the queue is written by the claim of its first piece: a peek writes only what it settled.
    let changed = false;
    while (answers.length > 0) {
      const first = answers[0] as PendingAnswer;
      const pieces = channel.durable.pieces(first.replies);
      let next = first.next;
      if (first.sending) {
        this.stats.unknown += 1;
        this.deps.log.warn({ user: userKey, turn: first.turn, piece: next }, 'a piece was being sent when the process stopped: maybe delivered, not sent again');
        next += 1;
        changed = true;
      }
      const stale = nowMs - Date.parse(first.at) > this.horizonMs;
      if (next >= pieces || stale) {
        if (stale && next < pieces) {
          this.stats.givenUp += pieces - next;
          this.deps.log.error({ user: userKey, turn: first.turn, pieces: pieces - next }, 'answer not delivered within the horizon: given up');
        }
        answers.shift();
        changed = true;
        continue;
      }
      const answer: PendingAnswer = { ...first, next, sending: false };
      answers[0] = answer;
      const value: Peek = { kind: 'piece', answer, channel, pieces };
      if (!changed) return { value };
      return { session: { ...session, outbox: { ...outbox, answers } }, value };
    }
    return { session: withoutOutbox(session), value: { kind: 'none' } };
  }

  /**
   * Whether another process holds a queue now: its lease runs, the store is shared (on a store of this process
   * alone, another owner died), and it was not found dead.
   */
  private heldByOther(owner: string | undefined, until: number | undefined, nowMs: number): boolean {
    if (owner === undefined || owner === this.instance || (until ?? 0) <= nowMs) return false;
    return (this.deps.shared ?? false) && !this.dead.has(owner);
  }

  /** Whether `owner` stopped beating (unknown without liveness, or when the store cannot tell: not dead). */
  private async isDead(owner: string): Promise<boolean> {
    if (!this.deps.liveness) return false;
    try {
      return !(await this.deps.liveness.alive(owner));
    } catch {
      return false;
    }
  }

  /** Mark piece `index` of answer `turn` as handed to the platform, if it is still the next one and ours. */
  private claim(session: Session | undefined, turn: number, index: number): { session?: Session; value: boolean } {
    const outbox = session?.outbox;
    const first = outbox?.answers[0];
    if (!session || !outbox || !first || first.turn !== turn || first.next !== index || first.sending) return { value: false };
    if (this.heldByOther(outbox.owner, outbox.until, this.now().getTime())) return { value: false };
    const answers = [{ ...first, sending: true }, ...outbox.answers.slice(1)];
    return { session: { ...session, outbox: { owner: this.instance, until: this.now().getTime() + this.leaseMs, answers } }, value: true };
  }

  /**
   * Write down, under the person's lock, what became of piece `index` of answer `turn`: `done` (the answer
   * leaves the queue), `next` (on to its next piece) or `retry` (not sent; it keeps its place).
   */
  private record(userKey: string, turn: number, index: number, what: 'done' | 'next' | 'retry'): Promise<void> {
    return this.deps.conversation.update(userKey, (s) => ({ ...(this.settle(s, turn, index, what) ?? {}), value: undefined }));
  }

  /** The session with what became of piece `index` of answer `turn` (undefined: it is not the next piece any more). */
  private settle(session: Session | undefined, turn: number, index: number, what: 'done' | 'next' | 'retry'): { session: Session } | undefined {
    const outbox = session?.outbox;
    const first = outbox?.answers[0];
    if (!session || !outbox || !first || first.turn !== turn || first.next !== index) return undefined;
    const rest = outbox.answers.slice(1);
    const answers =
      what === 'done' ? rest : [{ ...first, sending: false, next: what === 'next' ? index + 1 : index }, ...rest];
    if (answers.length === 0) {
      return { session: withoutOutbox(session) };
    }
    return { session: { ...session, outbox: { owner: this.instance, until: this.now().getTime() + this.leaseMs, answers } } };
  }

  /** The wait after `failures` failed tries in a row: exponential with equal jitter, capped (no last try). */
  private backoff(failures: number): number {
    const base = this.deps.settings?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs;
    const ceiling = Math.min(this.deps.settings?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs, base * 2 ** Math.min(failures - 1, 16));
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  /** A send failed: decide, and write down that the piece is not in flight any more. */
  private async failed(userKey: string, channel: string, err: unknown, turn: number, index: number, pieces: number): Promise<'stop' | 'again' | 'backoff'> {
    if (err instanceof PlatformApiError && (err.code === 403 || (err.code === 400 && /chat not found|user is deactivated/i.test(err.description)))) {
      await this.deps.markUnreachable(userKey, err.description);
      return 'stop';
    }
    if (err instanceof PlatformApiError && err.code === 429) {
      // Nothing was sent: the whole channel waits, this piece keeps its place.
      this.stats.rateLimited += 1;
      this.deps.budget(channel)?.pause(Math.max(1, err.retryAfter ?? 1) * 1000);
      await this.record(userKey, turn, index, 'retry');
      return 'again';
    }
    if (err instanceof NetworkError || (err instanceof PlatformApiError && err.code >= 500)) {
      this.stats.retried += 1;
      this.deps.log.warn({ err, user: userKey }, 'answer piece not delivered; tried again');
      await this.record(userKey, turn, index, 'retry');
      return 'backoff';
    }
    if (err instanceof PlatformApiError && err.code === 404) {
      // The platform has no such chat (any more): none of this answer can arrive.
      this.stats.givenUp += pieces - index;
      this.deps.log.error({ err, user: userKey }, 'answer not delivered: the platform has no such chat');
      await this.record(userKey, turn, index, 'done');
      return 'again';
    }
    // A 400 (or a bug): sending it again cannot help. The rest of the answer still goes.
    this.stats.givenUp += 1;
    this.deps.log.error({ err, user: userKey }, 'answer piece refused by the platform: given up');
    await this.record(userKey, turn, index, index + 1 >= pieces ? 'done' : 'next');
    return 'again';
  }
}

/** The beats of the processes sharing `store`: a record per process that expires unless renewed. */
export function storeLiveness(store: Store): NonNullable<DeliveryDeps['liveness']> {
  const beats = store.collection('delivery_beats', z.object({ at: z.string() }));
  return {
    beat: (instance, ttlMs) => beats.set(instance, { at: new Date().toISOString() }, ttlMs),
    alive: async (instance) => (await beats.get(instance)) !== undefined,
  };
}
