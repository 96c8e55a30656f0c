/**
 * The running bot: the only place where a turn meets the store. For each message it takes the person's lock,
 * reads the session, runs the pure engine, runs the turn's effects, writes the session, and only then hands
 * the replies to the channel. A turn that throws writes nothing back (grammY's "no catch" rule), and a store
 * failure is told to the person, never swallowed.
 */
import type { Channel, ChannelHost, SendOptions } from '../kernel/channel.js';
import { runComplaintEffect } from '../features/complaints/effects.js';
import { ComplaintService } from '../features/complaints/service.js';
import type { Config } from '../config.js';
import { StoreError } from '../lib/errors.js';
import { callCenter } from '../features/info/answers.js';
import type { Effect } from '../kernel/effects.js';
import type { Knowledge } from '../kernel/knowledge.js';
import { Translator, type Locales } from '../kernel/locale.js';
import type { InboundMessage, Reply } from '../kernel/message.js';
import { newSession, Session } from '../kernel/session.js';
import { step, type TurnResult } from './step.js';
import type { OfficeData } from '../kernel/office.js';
import type { Logger } from '../lib/log.js';
import type { Classifier, Language } from '../nlu/types.js';
import type { Collection, Store } from '../store/store.js';
import { BroadcastRepository } from '../features/announcements/repository.js';
import { BroadcastService } from '../features/announcements/service.js';
import { withReadCache } from '../store/read-cache.js';
import { KeyedLock } from '../lib/keyed-lock.js';
import { runStaffCommand } from './staff-commands.js';
import { ClosureState, Subscriptions } from '../features/announcements/state.js';

/** What a handled message produced, for the JSON CLI and tests. */
export interface TurnOutput {
  replies: Reply[];
  /** Absent when the turn failed before classification finished. */
  result?: TurnResult;
  /** Set when the turn could not complete (store down, a bug); `replies` then explain it to the person. */
  error?: Error;
}

/** Everything the runtime is built from. */
export interface BotDeps {
  config: Pick<Config, 'SESSION_TTL_MINUTES' | 'STAFF_TELEGRAM_IDS' | 'STAFF_WHATSAPP_IDS' | 'STAFF_TELEGRAM_CHAT_ID'> &
    Pick<Config, 'COMPLAINT_RETENTION_DAYS' | 'COMPLAINT_VERIFY_WORKDAYS' | 'COMPLAINT_FOLLOWUP_WORKDAYS'>;
  office: OfficeData;
  locales: Locales;
  classifier: Classifier;
  store: Store;
  log: Logger;
  /** The clock; tests move it. */
  now?: () => Date;
}

/** How long one turn may hold the cross-instance lock of a person (a turn takes milliseconds; this is a bound). */
const TURN_LOCK_MS = 30_000;

/** Longest text classified; longer messages are answered from their start (a 100 kB paste must stay cheap). */
export const MAX_TEXT = 4000;

/** The bot runtime; implements the host side of every channel. */
export class Bot implements ChannelHost {
  readonly log: Logger;
  readonly sessions: Collection<Session>;
  readonly subscriptions: Subscriptions;
  readonly closure: ClosureState;
  /** The complaint desk (tickets, statuses, staff notifications). */
  readonly complaints: ComplaintService;
  /** Announcements: drafts, the queue, progress (delivered by the worker that `npm start` runs). */
  readonly broadcasts: BroadcastService;
  private readonly lock = new KeyedLock();
  private readonly staff: ReadonlySet<string>;
  private readonly now: () => Date;
  private readonly idleMs: number;
  private readonly channels = new Map<string, Channel>();

  constructor(private readonly deps: BotDeps) {
    this.log = deps.log;
    this.now = deps.now ?? (() => new Date());
    const sessions = deps.store.collection('sessions', Session);
    // SQLite (and memory) belong to this process alone: keep sessions in memory too and skip a read per turn.
    // With Redis other instances may write a person's session, so every turn reads it.
    this.sessions = deps.store.kind === 'redis' ? sessions : withReadCache(sessions);
    this.subscriptions = new Subscriptions(deps.store);
    this.closure = new ClosureState(deps.store, deps.office);
    this.complaints = new ComplaintService({ ...deps, notifier: this });
    this.broadcasts = new BroadcastService(new BroadcastRepository(deps.store), this.subscriptions);
    this.idleMs = deps.config.SESSION_TTL_MINUTES * 60_000;
    this.staff = new Set([
      ...deps.config.STAFF_TELEGRAM_IDS.map((id) => `telegram:${id}`),
      ...deps.config.STAFF_WHATSAPP_IDS.map((id) => `whatsapp:${id.includes('@') ? id : `${id}@c.us`}`),
    ]);
  }

  /** Make a channel reachable for notifications (`sendTo`) under its user-key namespace. */
  attach(channel: Channel): void {
    this.channels.set(channel.name, channel);
  }

  /** Forget a channel that could not start, so notifications and broadcasts do not wait on it. */
  detach(name: string): void {
    this.channels.delete(name);
  }

  /** Whether a channel of this name is attached (broadcasts are delivered only where they can be). */
  hasChannel(name: string): boolean {
    return this.channels.has(name);
  }

  /** The office data (staff commands resolve service names with it). */
  get office(): OfficeData {
    return this.deps.office;
  }

  /** Reply templates (reports sent outside a turn). */
  get locales(): Locales {
    return this.deps.locales;
  }

  /** The store (the broadcast worker keeps its queue there). */
  get store(): Store {
    return this.deps.store;
  }

  /**
   * Send replies to a person on the channel of their user key (`telegram:…` → Telegram).
   * @throws PlatformApiError / NetworkError from the channel; Error when the channel is not running.
   */
  async sendTo(userKey: string, replies: readonly Reply[], opts?: SendOptions): Promise<void> {
    const channel = this.channels.get(userKey.slice(0, userKey.indexOf(':')));
    if (!channel) throw new Error(`no running channel for ${userKey.slice(0, userKey.indexOf(':'))}`);
    await channel.send(userKey, replies, opts);
  }

  /** Where staff notifications go: the staff chat when configured, else every allow-listed id. */
  staffRecipients(): string[] {
    const chat = this.deps.config.STAFF_TELEGRAM_CHAT_ID;
    return chat ? [`telegram:${chat}`] : [...this.staff];
  }

  /** Tell staff something; best effort (logged, never thrown): a staff chat being down must not fail a turn. */
  async notifyStaff(replies: readonly Reply[]): Promise<number> {
    let delivered = 0;
    for (const key of this.staffRecipients()) {
      try {
        await this.sendTo(key, replies);
        delivered += 1;
      } catch (err) {
        this.log.warn({ err, to: key }, 'staff notification not delivered');
      }
    }
    return delivered;
  }

  /** @inheritdoc */
  isStaff(userKey: string): boolean {
    return this.staff.has(userKey);
  }

  /** @inheritdoc */
  async handle(message: InboundMessage): Promise<Reply[]> {
    return (await this.turn(message)).replies;
  }

  /** Handle one message and say what happened (intent, score) as well as the replies. Never rejects. */
  turn(message: InboundMessage): Promise<TurnOutput> {
    return this.lock.run(message.userKey, () => this.turnLocked(message));
  }

  private async turnLocked(message: InboundMessage): Promise<TurnOutput> {
    const now = this.now();
    let release: (() => Promise<void>) | undefined;
    try {
      // Another instance on the same Redis may be serving this person: take turns across processes too.
      release = await this.deps.store.lock?.(`turn:${message.userKey}`, TURN_LOCK_MS);
      const text = message.text.length > MAX_TEXT ? message.text.slice(0, MAX_TEXT) : message.text;
      const [stored, closure] = await Promise.all([this.readSession(message.userKey), this.closure.current(now.getTime())]);
      const session = stored ?? newSession(now);
      const knowledge: Knowledge = {
        office: this.deps.office,
        closure,
        locales: this.deps.locales,
        now,
        sessionIdleMs: this.idleMs,
        complaintRetentionDays: this.deps.config.COMPLAINT_RETENTION_DAYS,
      };
      const classification = this.deps.classifier.classify(text);
      const result = step({ ...message, text }, classification, session, knowledge, {
        staff: this.isStaff(message.userKey),
      });
      const patch: Partial<Session> = {};
      const extra = await this.runEffects(message.userKey, result.effects, result.language, now, patch);
      // Keep the session past its idle time so the next turn can say that an open form expired.
      await this.sessions.set(message.userKey, { ...result.session, ...patch }, this.idleMs + 24 * 3_600_000);
      return { replies: [...result.replies, ...extra], result };
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      this.log.error({ err: error, user: message.userKey }, 'turn failed; nothing was written');
      return { replies: [this.failureReply()], error };
    } finally {
      await release?.();
    }
  }

  /** A session that cannot be read back (corrupt, old shape) starts over instead of blocking the person. */
  private async readSession(userKey: string): Promise<Session | undefined> {
    try {
      return await this.sessions.get(userKey);
    } catch (err) {
      if (err instanceof StoreError && /invalid record/.test(err.message)) {
        this.log.warn({ user: userKey }, 'unreadable session replaced by a new one');
        return undefined;
      }
      throw err;
    }
  }

  /** Run the turn's effects in order; their extra replies follow the turn's own; `patch` collects session changes. */
  private async runEffects(
    userKey: string,
    effects: readonly Effect[],
    language: Language,
    now: Date,
    patch: Partial<Session>,
  ): Promise<Reply[]> {
    const replies: Reply[] = [];
    for (const effect of effects) {
      switch (effect.kind) {
        case 'subscription.set':
          await this.subscriptions.set(userKey, effect.subscribed, effect.via, now);
          break;
        case 'staff.command':
          replies.push(
            ...(await runStaffCommand(effect.command, {
              bot: this,
              t: new Translator(this.deps.locales, language),
              staffKey: userKey,
              now,
            })),
          );
          break;
        case 'complaint.create':
        case 'complaint.lookup': {
          const out = await runComplaintEffect(effect, {
            service: this.complaints,
            office: this.deps.office,
            log: this.log,
            userKey,
            language,
            now,
          });
          replies.push(...out.replies);
          Object.assign(patch, out.session);
          break;
        }
      }
    }
    return replies;
  }

  /** The reply when a turn could not complete; Indonesian, since the session (and its language) is unknown. */
  private failureReply(): Reply {
    const t = new Translator(this.deps.locales, 'id');
    return t.reply('error.store', { callcenter: callCenter(t, this.deps.office) });
  }

  /** @inheritdoc */
  async markUnreachable(userKey: string, reason: string): Promise<void> {
    await this.subscriptions.set(userKey, false, `unreachable: ${reason}`, this.now());
    await this.sessions.delete(userKey);
  }

  /** @inheritdoc */
  async alertStaff(key: string, vars: Record<string, string> = {}): Promise<void> {
    const reply = new Translator(this.deps.locales, 'id').reply(`alert.${key}`, vars);
    const delivered = await this.notifyStaff([reply]);
    if (delivered === 0) this.log.warn({ alert: key }, 'staff alert reached nobody');
  }
}
