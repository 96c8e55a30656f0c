/**
 * The consultation desk's runtime half: store a question (idempotent) and relay it to staff, keep the link
 * from each relayed staff-chat message to its consultation, deliver a staff answer to the citizen exactly
 * once, relay the citizen's follow-ups, close, rate, hand over, raise unanswered ones, purge and forget.
 * Texts (questions, answers) never go to the log: only numbers and states do.
 */
import type { Reply } from '../../kernel/message.js';
import type { OfficeData } from '../../kernel/office.js';
import type { OutboxPort } from '../../kernel/feature.js';
import { Translator, type Locales } from '../../kernel/locale.js';
import { channelOf } from '../../kernel/user-key.js';
import { ChangeRefused, NotFoundError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import type { Store } from '../../store/store.js';
import { workMinutesBetween } from './hours.js';
import * as render from './render.js';
import { ConsultationRepository } from './repository.js';
import type { Consultation, ConsultationMessage, ConsultationState } from './schema.js';

/** The consultation desk's settings (from the environment). */
export interface ConsultationSettings {
  /** Minutes without a message after which a conversation with a person goes back to the bot. */
  CONSULTATION_IDLE_MINUTES: number;
  /** Working hours a consultation may stay unanswered before staff are reminded (once). */
  CONSULTATION_ANSWER_WORKHOURS: number;
  /** Days a closed consultation is kept before `purge` removes it. */
  CONSULTATION_RETENTION_DAYS: number;
}

/** What the service is built from. */
export interface ConsultationDeps {
  store: Store;
  office: OfficeData;
  locales: Locales;
  log: Logger;
  outbox: OutboxPort;
  settings: ConsultationSettings;
  /** The clock (link records are stamped with it). */
  now: () => Date;
}

/** Thrown for a number that is not stored. */
export class ConsultationNotFound extends NotFoundError {
  constructor(readonly number: string) {
    super('consultation', number);
  }
}

/** Thrown when a closed consultation is answered or closed again. */
export class ConsultationClosed extends ChangeRefused {
  constructor(readonly number: string) {
    super(`consultation ${number} is closed`, 'the citizen can ask again; a new consultation gets a new number');
  }
}

/** What a staff answer came to. */
export type Answered =
  | { kind: 'delivered'; consultation: Consultation; first: boolean }
  | { kind: 'undelivered'; consultation: Consultation }
  | { kind: 'duplicate'; number: string }
  | { kind: 'claimed'; number: string; by: string }
  | { kind: 'unlinked' };

/** The draft the dialogue hands over. */
export interface ConsultationDraft {
  draftId: string;
  question: string;
  language: 'id' | 'en';
  botLastReply: string | null;
}

/** How long an answer's claim is held across instances (a send takes seconds; this is a bound). */
const ANSWER_LOCK_MS = 60_000;

/** Consultations of one store. */
export class ConsultationService {
  readonly repo: ConsultationRepository;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly deps: ConsultationDeps) {
    this.repo = new ConsultationRepository(deps.store);
  }

  /** Rendering context for `language`. */
  renderer(language: 'id' | 'en'): render.RenderCtx {
    return { t: new Translator(this.deps.locales, language), office: this.deps.office };
  }

  private get idleMs(): number {
    return this.deps.settings.CONSULTATION_IDLE_MINUTES * 60_000;
  }

  /** Store the question as a consultation of `ownerKey` (once per draft id); staff hear of it in the background. @throws StoreError */
  async create(draft: ConsultationDraft, ownerKey: string, now: Date): Promise<{ consultation: Consultation; fresh: boolean }> {
    const at = now.toISOString();
    const result = await this.repo.create(draft.draftId, now, (number) => ({
      number,
      draftId: draft.draftId,
      ownerKey,
      channel: channelOf(ownerKey) ?? '?',
      language: draft.language,
      status: 'open',
      question: draft.question,
      botLastReply: draft.botLastReply,
      createdAt: at,
      updatedAt: at,
      claimedBy: null,
      lastStaffAt: null,
      lastCitizenAt: at,
      citizenLeftAt: null,
      followupAcked: false,
      closedAt: null,
      closedBy: null,
      rating: null,
      ratingSkipped: false,
      overdueNotified: false,
      messages: [{ at, from: 'citizen', by: 'citizen', text: draft.question }],
    }));
    this.deps.log.info({ consultation: result.consultation.number, fresh: result.fresh }, 'consultation stored');
    if (result.fresh) this.background(this.relay(result.consultation, render.staffNew(this.renderer('id'), result.consultation)));
    return result;
  }

  /** Send to staff and keep a link from every message sent to the consultation (replies to them answer it). */
  private async relay(c: Consultation, replies: Reply[]): Promise<number> {
    const notice = await this.deps.outbox.notifyStaff(replies);
    const at = this.deps.now().toISOString();
    for (const { to, receipts } of notice.receipts) {
      for (const r of receipts) await this.repo.links.set(linkKey(to, r.messageRef), { number: c.number, at });
    }
    if (notice.delivered === 0) this.deps.log.warn({ consultation: c.number }, 'consultation relayed to nobody');
    return notice.delivered;
  }

  private background(p: Promise<unknown>): void {
    const tracked = p.catch((err: unknown) => this.deps.log.error({ err }, 'consultation background task failed'));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  /** Resolves once background relays have settled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** @throws ConsultationNotFound, StoreError */
  async require(number: string): Promise<Consultation> {
    const c = await this.repo.get(number);
    if (!c) throw new ConsultationNotFound(number);
    return c;
  }

  /** What the dialogue needs to know about `userKey`'s latest consultation. @throws StoreError */
  async state(userKey: string, now: Date): Promise<ConsultationState | undefined> {
    const index = await this.repo.byUser.get(userKey);
    const c = index ? await this.repo.get(index.number) : undefined;
    if (!c || c.ownerKey !== userKey) return undefined;
    const answered = c.lastStaffAt !== null;
    const lastActivity = Math.max(Date.parse(c.lastCitizenAt), Date.parse(c.lastStaffAt ?? c.createdAt));
    const quiet = c.status === 'open' && answered && now.getTime() - lastActivity > this.idleMs;
    const left = c.citizenLeftAt !== null && c.lastStaffAt !== null && c.citizenLeftAt >= c.lastStaffAt;
    return {
      number: c.number,
      withStaff: c.status === 'open' && answered && !quiet && !left,
      quiet: quiet && !left,
      acked: c.followupAcked,
      awaitingRating: c.status === 'closed' && c.rating === null && !c.ratingSkipped && c.ownerKey !== null,
    };
  }

  /** The consultation a staff-chat message (by its receipt on the staff member's channel) was a relay of. @throws StoreError */
  async linked(staffKey: string, messageRef: string): Promise<string | undefined> {
    return (await this.repo.links.get(linkKey(staffKey, messageRef)))?.number;
  }

  /**
   * Deliver a staff answer to the citizen, once per `deliveryKey` (the staff message: a redelivered update or
   * a retried command finds the delivery record and does nothing). The first answer claims the consultation;
   * another staff member's is refused with who has it. The delivery is recorded before the send and updated
   * after it; an undelivered answer is kept and retried by the periodic check.
   * @throws ConsultationNotFound, ConsultationClosed, StoreError
   */
  async answer(number: string, text: string, staffKey: string, deliveryKey: string, now: Date): Promise<Answered> {
    const release = await this.deps.store.lock?.(`consultation-answer:${number}`, ANSWER_LOCK_MS);
    try {
      if (await this.repo.deliveries.get(deliveryKey)) return { kind: 'duplicate', number };
      const c = await this.require(number);
      if (c.status === 'closed') throw new ConsultationClosed(number);
      if (c.claimedBy && c.claimedBy !== staffKey) return { kind: 'claimed', number, by: c.claimedBy };
      const at = now.toISOString();
      await this.repo.deliveries.set(deliveryKey, { number, state: 'sending', at });
      const message: ConsultationMessage = { at, from: 'staff', by: staffKey, text, delivered: false };
      let next: Consultation = {
        ...c,
        claimedBy: c.claimedBy ?? staffKey,
        lastStaffAt: at,
        followupAcked: false,
        updatedAt: at,
        messages: [...c.messages, message],
      };
      await this.repo.put(next);
      const delivered = await this.tell(next, render.answer(this.renderer(next.language), next, text));
      await this.repo.deliveries.set(deliveryKey, { number, state: delivered ? 'sent' : 'failed', at });
      if (delivered) {
        next = { ...next, messages: next.messages.map((m) => (m === message ? { ...m, delivered: true } : m)) };
        await this.repo.put(next);
      }
      this.deps.log.info({ consultation: number, delivered }, 'consultation answered');
      return delivered ? { kind: 'delivered', consultation: next, first: c.claimedBy === null } : { kind: 'undelivered', consultation: next };
    } finally {
      await release?.();
    }
  }

  /** Send to the consultation's citizen; false (logged) when it could not be delivered. */
  private async tell(c: Consultation, replies: Reply[]): Promise<boolean> {
    if (!c.ownerKey) return false;
    try {
      await this.deps.outbox.sendTo(c.ownerKey, replies);
      return true;
    } catch (err) {
      this.deps.log.warn({ err, consultation: c.number }, 'citizen not reached for a consultation');
      return false;
    }
  }

  /**
   * A citizen's message while with a person: stored in the consultation, then relayed to staff (in the
   * background: it is stored before the turn acknowledges anything). @returns whether to acknowledge it.
   * @throws ConsultationNotFound, StoreError
   */
  async followup(number: string, text: string, now: Date): Promise<boolean> {
    const c = await this.require(number);
    const at = now.toISOString();
    const next: Consultation = {
      ...c,
      lastCitizenAt: at,
      updatedAt: at,
      followupAcked: true,
      messages: [...c.messages, { at, from: 'citizen', by: 'citizen', text }],
    };
    await this.repo.put(next);
    this.background(this.relay(next, render.staffFollowup(this.renderer('id'), next, text)));
    return !c.followupAcked;
  }

  /** The citizen went back to the bot (`batal`/`menu`) while with a person. @throws StoreError */
  async leave(number: string, now: Date): Promise<void> {
    const c = await this.require(number);
    await this.repo.put({ ...c, citizenLeftAt: now.toISOString(), updatedAt: now.toISOString() });
  }

  /**
   * Close a consultation; the citizen is told (the bot is back) and asked once to rate it.
   * @throws ConsultationNotFound, ConsultationClosed, StoreError
   */
  async close(number: string, by: string, now: Date, tellCitizen = true): Promise<{ consultation: Consultation; told: boolean }> {
    const c = await this.require(number);
    if (c.status === 'closed') throw new ConsultationClosed(number);
    const at = now.toISOString();
    const next: Consultation = { ...c, status: 'closed', closedAt: at, closedBy: by, updatedAt: at };
    await this.repo.put(next);
    const told = tellCitizen ? await this.tell(next, render.closed(this.renderer(next.language), next, by === 'system:idle')) : false;
    this.deps.log.info({ consultation: number, idle: by === 'system:idle' }, 'consultation closed');
    return { consultation: next, told };
  }

  /** The citizen's satisfaction rating (PermenPANRB 14/2017), once. @throws StoreError */
  async rate(number: string, score: number, remark: string | null, now: Date): Promise<Consultation> {
    const c = await this.require(number);
    const next: Consultation = { ...c, rating: { score, remark, at: now.toISOString() }, updatedAt: now.toISOString() };
    await this.repo.put(next);
    this.deps.log.info({ consultation: number, score }, 'consultation rated');
    return next;
  }

  /** The citizen answered the rating question with something else: it is not asked again. @throws StoreError */
  async skipRating(number: string, now: Date): Promise<void> {
    const c = await this.require(number);
    await this.repo.put({ ...c, ratingSkipped: true, updatedAt: now.toISOString() });
  }

  /** Hand the consultation to another staff member. @throws ConsultationNotFound, ConsultationClosed, StoreError */
  async handover(number: string, to: string, now: Date): Promise<Consultation> {
    const c = await this.require(number);
    if (c.status === 'closed') throw new ConsultationClosed(number);
    const next: Consultation = { ...c, claimedBy: to, updatedAt: now.toISOString() };
    await this.repo.put(next);
    return next;
  }

  /** Who is asking decides how much they see. @throws StoreError */
  async lookup(number: string, requesterKey: string): Promise<{ kind: 'missing' } | { kind: 'owner' | 'other'; consultation: Consultation }> {
    const c = await this.repo.get(number);
    if (!c) return { kind: 'missing' };
    return { kind: c.ownerKey === requesterKey ? 'owner' : 'other', consultation: c };
  }

  /** Open and unanswered longer than the allowed working hours. */
  overdue(c: Consultation, now: Date): boolean {
    if (c.status !== 'open' || c.lastStaffAt !== null) return false;
    return workMinutesBetween(this.deps.office, new Date(c.createdAt), now) > this.deps.settings.CONSULTATION_ANSWER_WORKHOURS * 60;
  }

  /**
   * The periodic check: raise unanswered consultations past the working hours once, hand quiet ones back to
   * the bot (closed, the citizen told), retry answers that could not be delivered. @throws StoreError
   */
  async sweep(now: Date): Promise<{ overdue: number; idle: number; redelivered: number }> {
    const done = { overdue: 0, idle: 0, redelivered: 0 };
    for (const c of await this.repo.list()) {
      if (this.overdue(c, now) && !c.overdueNotified) {
        const delivered = await this.relay(c, render.staffOverdue(this.renderer('id'), c, this.deps.settings.CONSULTATION_ANSWER_WORKHOURS));
        if (delivered > 0) {
          await this.repo.put({ ...c, overdueNotified: true });
          done.overdue += 1;
        }
        continue;
      }
      const state = c.ownerKey ? await this.state(c.ownerKey, now) : undefined;
      if (state?.number === c.number && state.quiet) {
        await this.close(c.number, 'system:idle', now);
        done.idle += 1;
        continue;
      }
      const undelivered = c.messages.filter((m) => m.from === 'staff' && m.delivered === false && m.text);
      if (c.status === 'open' && undelivered.length > 0 && c.ownerKey) {
        const ok = await this.tell(c, undelivered.flatMap((m) => render.answer(this.renderer(c.language), c, m.text ?? '')));
        if (ok) {
          await this.repo.put({ ...c, messages: c.messages.map((m) => (m.from === 'staff' && m.delivered === false ? { ...m, delivered: true } : m)) });
          done.redelivered += 1;
        }
      }
    }
    return done;
  }

  /** Open consultations (or only overdue ones), oldest first. @throws StoreError */
  async listOpen(now: Date, onlyOverdue = false): Promise<Consultation[]> {
    return (await this.repo.list()).filter((c) => c.status === 'open' && (!onlyOverdue || this.overdue(c, now)));
  }

  /** Delete the citizen's personal data from a consultation (UU PDP request), keeping an anonymised record. @throws StoreError */
  async forget(number: string, now: Date): Promise<Consultation> {
    const c = await this.require(number);
    if (c.ownerKey && (await this.repo.byUser.get(c.ownerKey))?.number === number) await this.repo.byUser.delete(c.ownerKey);
    const at = now.toISOString();
    const next: Consultation = {
      ...c,
      ownerKey: null,
      question: null,
      botLastReply: null,
      rating: c.rating ? { ...c.rating, remark: null } : null,
      messages: c.messages.map((m) => ({ ...m, text: null })),
      updatedAt: at,
      anonymisedAt: at,
    };
    await this.repo.put(next);
    this.deps.log.info({ consultation: number }, 'consultation personal data deleted on request');
    return next;
  }

  /** Remove consultations closed longer ago than the retention period. @returns how many. @throws StoreError */
  async purge(now: Date): Promise<number> {
    const cutoff = now.getTime() - this.deps.settings.CONSULTATION_RETENTION_DAYS * 86_400_000;
    let removed = 0;
    for (const c of await this.repo.list()) {
      if (c.status === 'closed' && Date.parse(c.updatedAt) < cutoff) {
        await this.repo.remove(c);
        removed += 1;
      }
    }
    return removed;
  }
}

/** The link key of a message sent to a staff chat: the chat's channel and the message's receipt. */
function linkKey(staffKey: string, messageRef: string): string {
  return `${channelOf(staffKey) ?? '?'}|${messageRef}`;
}
