/**
 * The WhatsApp Business Cloud API channel (user keys `wacloud:<id>`). Meta posts messages and delivery
 * statuses to the webhook on the service's HTTP server; replies and notifications go out through Graph.
 *
 * A webhook is answered as soon as what it carries is stored (`records.ts`: inbox), then handled: messages
 * of one person one at a time, in order (the turn, then its replies), people in parallel. A redelivered
 * message id is dropped. Notifications obey the 24-hour window: free text within 24 h of the person's last
 * message, an approved template outside it, or a typed refusal when none is configured (staff are told).
 */
import { untilIdle, type Channel, type ChannelHost, type DurableReplies, type HttpRouter, type SendOptions } from '../../kernel/channel.js';
import type { InboundMessage, Reply, SendReceipt } from '../../kernel/message.js';
import { parseUserKey } from '../../kernel/user-key.js';
import { NetworkError } from '../../lib/errors.js';
import { KeyedLock } from '../../lib/keyed-lock.js';
import type { Logger } from '../../lib/log.js';
import { withRetry, type RetryPolicy } from '../../lib/retry.js';
import type { Collection, Store } from '../../store/store.js';
import { WA_USER_ID, type Templates } from './config.js';
import { CloudApiError, CLOUD, GRAPH_REENGAGEMENT, GRAPH_UNDELIVERABLE, noTemplate, WebhookServerMissing } from './errors.js';
import { GraphClient, type MediaInfo } from './graph.js';
import { parseWebhook, type IncomingMessage, type IncomingStatus } from './inbound.js';
import {
  alerts,
  contacts,
  inbox,
  statuses,
  CONTACT_TTL_MS,
  INBOX_TTL_MS,
  STATUS_TTL_MS,
  WINDOW_MARGIN_MS,
  WINDOW_MS,
  type CloudContact,
  type InboxEntry,
  type MessageStatus,
} from './records.js';
import { guessLanguage, renderReplies, type CloudMessage } from './render.js';

/** Longest text of one template parameter (the template's body holds at most 1,024 characters in all). */
export const TEMPLATE_PARAM_LIMIT = 900;

/** A delivery status as listeners hear it. */
export interface StatusEvent extends IncomingStatus {
  userKey: string;
}

/** What the channel is built from. */
export interface WhatsAppCloudOptions {
  token: string;
  phoneNumberId: string;
  appSecret: string;
  verifyToken: string;
  apiRoot: string;
  webhookPath: string;
  templates: Templates;
  store: Store;
  log: Logger;
  /** The service's HTTP server; without it `start` fails. */
  http?: HttpRouter;
  retry?: Partial<RetryPolicy>;
  now?: () => Date;
}

/** The WhatsApp Cloud API channel. */
export class WhatsAppCloudChannel implements Channel {
  readonly name = CLOUD;
  private host: ChannelHost | undefined;
  private running = false;
  private mounted = false;
  private readonly graph: GraphClient;
  private readonly chats = new KeyedLock();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();
  private readonly inbox: Collection<InboxEntry>;
  private readonly contacts: Collection<CloudContact>;
  private readonly statuses: Collection<MessageStatus>;
  private readonly alerts: Collection<{ at: string }>;
  private readonly listeners = new Set<(s: StatusEvent) => void>();
  private readonly log: Logger;
  private readonly now: () => Date;

  constructor(private readonly opts: WhatsAppCloudOptions) {
    this.graph = new GraphClient({ apiRoot: opts.apiRoot, token: opts.token, phoneNumberId: opts.phoneNumberId });
    this.inbox = inbox(opts.store);
    this.contacts = contacts(opts.store);
    this.statuses = statuses(opts.store);
    this.alerts = alerts(opts.store);
    this.log = opts.log.child({ channel: CLOUD });
    this.now = opts.now ?? (() => new Date());
  }

  /** Mounts the webhook and resumes messages stored but not answered before a stop. */
  async start(host: ChannelHost): Promise<void> {
    const http = this.opts.http;
    if (!http) throw new WebhookServerMissing();
    this.host = host;
    if (!this.mounted) {
      const { mountWebhook } = await import('./webhook.js');
      mountWebhook(http, {
        path: this.opts.webhookPath,
        appSecret: this.opts.appSecret,
        verifyToken: this.opts.verifyToken,
        accept: (body) => this.accept(body),
        running: () => this.running,
        log: this.log,
      });
      this.mounted = true;
    }
    this.running = true;
    for await (const [messageId, entry] of this.inbox.entries()) {
      if (entry.state === 'pending' && entry.message) this.schedule({ messageId, waId: entry.waId, message: revive(entry.message) });
    }
    this.log.info({ path: this.opts.webhookPath }, 'WhatsApp Cloud API webhook receiving');
  }

  /** Stop taking webhooks (503: Meta delivers again later) and finish the turns in flight. */
  async stop(): Promise<void> {
    this.running = false;
    await this.whenIdle();
    this.abort.abort();
  }

  /** Resolves once everything received so far is handled and answered (tests, shutdown). */
  whenIdle(): Promise<void> {
    return untilIdle(this.inFlight, this.host);
  }

  /** Hear every delivery status (sent, delivered, read, failed) of a message this channel sent. */
  onStatus(listener: (s: StatusEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The delivery states of message `messageId`, if it was sent by this channel in the last 30 days. */
  status(messageId: string): Promise<MessageStatus | undefined> {
    return this.statuses.get(messageId);
  }

  /**
   * Where a citizen's media (an attachment's `fileId`) can be downloaded for a few minutes: fetched on demand
   * only, never at arrival. @throws CloudApiError, NetworkError
   */
  media(fileId: string): Promise<MediaInfo> {
    return this.graph.media(fileId);
  }

  /**
   * The durable path (`Channel.durable`): the runtime's paced sender posts stored answers through this, one
   * Graph message at a time, without retries of its own. The address is `<wa id> <user key>`.
   */
  readonly durable: DurableReplies = {
    pieces: (replies) => renderReplies(replies).length,
    chatOf: (address) => ({ chat: address.split(' ')[0] ?? address, group: false }),
    sendPiece: async (address, replies, index) => {
      const [waId = '', userKey = ''] = address.split(' ');
      const message = renderReplies(replies)[index];
      if (!message) return;
      const contact = await this.contacts.get(waId).catch(() => undefined);
      const task = this.post(userKey, waId, contact, message, 'session', false);
      this.track(task);
      await task;
    },
  };

  // ── receiving ─────────────────────────────────────────────────────────────────────────────────────────

  /** Store a webhook's messages (new ids only) and statuses; then handle them in the background. */
  private async accept(body: unknown): Promise<void> {
    const batch = parseWebhook(body, this.opts.phoneNumberId);
    if (batch.ignored.length > 0) this.log.debug({ ignored: batch.ignored }, 'WhatsApp Cloud API webhook items ignored');
    const fresh: IncomingMessage[] = [];
    for (const m of batch.messages) {
      if (await this.inbox.get(m.messageId)) {
        this.log.info({ messageId: m.messageId }, 'redelivered WhatsApp message ignored');
        continue;
      }
      await this.inbox.set(m.messageId, { state: 'pending', receivedAt: this.now().toISOString(), waId: m.waId, message: freeze(m.message) }, INBOX_TTL_MS);
      fresh.push(m);
    }
    for (const m of fresh) this.schedule(m);
    if (batch.statuses.length > 0) this.track(this.recordStatuses(batch.statuses));
  }

  private schedule(m: IncomingMessage): void {
    this.track(
      this.chats.run(m.message.userKey, () => this.handle(m)).catch((err: unknown) => this.log.error({ err }, 'WhatsApp Cloud API turn failed')),
    );
  }

  private track(task: Promise<unknown>): void {
    this.inFlight.add(task);
    const done = () => void this.inFlight.delete(task);
    task.then(done, done);
  }

  private async handle(m: IncomingMessage): Promise<void> {
    const host = this.host;
    if (!host) return;
    const at = m.message.sentAt ?? this.now();
    const known = await this.contacts.get(m.waId).catch(() => undefined);
    const phone = m.message.phone ?? known?.phone;
    await this.contacts
      .set(m.waId, { lastInboundAt: at.toISOString(), ...(phone ? { phone } : {}) }, CONTACT_TTL_MS)
      .catch((err: unknown) => this.log.warn({ err }, 'WhatsApp contact not recorded'));
    // The answer is stored with the turn and sent by the runtime through `durable`; what comes back here is
    // only what could not be stored (a store outage).
    const replies = await host.handle({ ...m.message, replyAddress: `${m.waId} ${m.message.userKey}` });
    // Answered as far as the bot is concerned: the turn is stored. A redelivery now is a duplicate.
    await this.inbox
      .set(m.messageId, { state: 'answered', receivedAt: at.toISOString(), waId: m.waId }, INBOX_TTL_MS)
      .catch((err: unknown) => this.log.warn({ err }, 'WhatsApp message not marked answered'));
    const contact = { lastInboundAt: at.toISOString(), ...(phone ? { phone } : {}) };
    for (const message of renderReplies(replies)) {
      try {
        await this.post(m.message.userKey, m.waId, contact, message, 'session', true);
      } catch (err) {
        this.log.error({ err }, 'WhatsApp Cloud API reply not delivered');
        return;
      }
    }
  }

  private async recordStatuses(list: readonly IncomingStatus[]): Promise<void> {
    for (const s of list) {
      try {
        const current = await this.statuses.get(s.messageId);
        if (!current) {
          this.log.debug({ messageId: s.messageId }, 'status of a message not sent by this process');
          continue;
        }
        // Statuses can arrive out of order (read before delivered): never go back from a later state.
        const next: MessageStatus = {
          ...current,
          ...(rank(s.state) >= rank(current.state) ? { state: s.state, at: s.at.toISOString() } : {}),
          ...(s.codes.length > 0 ? { codes: s.codes } : {}),
          history: [...current.history, { state: s.state, at: s.at.toISOString() }].slice(-10),
        };
        await this.statuses.set(s.messageId, next, STATUS_TTL_MS);
        if (s.state === 'failed') await this.failed(current.userKey, s.codes);
        for (const l of this.listeners) l({ ...s, userKey: current.userKey });
      } catch (err) {
        this.log.warn({ err, messageId: s.messageId }, 'WhatsApp delivery status not recorded');
      }
    }
  }

  /** A message failed after it was accepted: an undeliverable person is reported once. */
  private async failed(userKey: string, codes: readonly number[]): Promise<void> {
    if (codes.includes(GRAPH_UNDELIVERABLE)) await this.unreachable(userKey, `undeliverable (${GRAPH_UNDELIVERABLE})`);
    if (codes.includes(GRAPH_REENGAGEMENT)) {
      // Meta says the window is closed: the next notification goes as a template.
      const id = parseUserKey(userKey)?.id;
      const c = id ? await this.contacts.get(id) : undefined;
      if (id && c) await this.contacts.set(id, { ...c, lastInboundAt: new Date(0).toISOString() }, CONTACT_TTL_MS);
    }
  }

  // ── sending ───────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Send to a person known on this channel (notifications, announcements): free text within 24 h of their
   * last message, else the configured template with the text as its parameter.
   * @throws CloudApiError: 470 (code 131047) outside the window without a template, 403 unreachable (the host
   *   is told first), 429 throttled, 401 token; NetworkError without an answer.
   */
  async send(userKey: string, replies: readonly Reply[], opts: SendOptions = {}): Promise<SendReceipt[]> {
    const parsed = parseUserKey(userKey);
    if (parsed?.channel !== CLOUD || !WA_USER_ID.test(parsed.id)) throw new CloudApiError('messages', 'request', undefined, `not a ${CLOUD} user key`);
    const waId = parsed.id;
    const retry = opts.retry ?? true;
    const task = this.chats.run(userKey, async (): Promise<SendReceipt[]> => {
      const contact = await this.contacts.get(waId);
      const open = contact !== undefined && this.now().getTime() - Date.parse(contact.lastInboundAt) < WINDOW_MS - WINDOW_MARGIN_MS;
      if (open) {
        try {
          const receipts: SendReceipt[] = [];
          for (const message of renderReplies(replies)) receipts.push({ messageRef: await this.post(userKey, waId, contact, message, 'session', retry) });
          return receipts;
        } catch (err) {
          // Meta knows the window better (a message from another device, clock skew): fall back to the template.
          if (!(err instanceof CloudApiError && err.graphCode === GRAPH_REENGAGEMENT)) throw err;
        }
      }
      return [{ messageRef: await this.sendTemplate(userKey, waId, contact, replies, retry) }];
    });
    this.track(task);
    return task;
  }

  private async sendTemplate(userKey: string, waId: string, contact: CloudContact | undefined, replies: readonly Reply[], retry: boolean): Promise<string> {
    const text = replies.map((r) => r.parts.map((p) => p.text).join('')).join('\n');
    const language = guessLanguage(text);
    const purpose = 'default';
    const spec = this.opts.templates[purpose];
    const code = spec ? (spec.language[language] ?? spec.language.id ?? Object.values(spec.language)[0]) : undefined;
    if (!spec || !code) {
      this.alertOnce(`no_template:${purpose}`, 'wacloud.no_template', { purpose });
      throw noTemplate(purpose, language);
    }
    const body = {
      type: 'template',
      template: {
        name: spec.name,
        language: { code },
        components: [{ type: 'body', parameters: [{ type: 'text', text: templateParam(text) }] }],
      },
    };
    return this.post(userKey, waId, contact, { body, text }, 'template', retry);
  }

  /** One Graph send under the retry policy; its id is recorded for delivery statuses. */
  private async post(userKey: string, waId: string, contact: CloudContact | undefined, message: CloudMessage, form: MessageStatus['form'], retry: boolean): Promise<string> {
    // Meta prefers the phone number when known (phone fields keep appearing in webhooks); else the BSUID.
    const to = /^\d+$/.test(waId) ? { to: waId } : contact?.phone ? { to: contact.phone } : { recipient: waId };
    const call = () => this.graph.send({ ...to, ...message.body });
    let id: string;
    try {
      id = retry
        ? await withRetry(call, {
            ...(this.opts.retry ? { policy: this.opts.retry } : {}),
            signal: this.abort.signal,
            onRetry: (err, attempt, delayMs) => this.log.warn({ err, attempt, delayMs }, 'WhatsApp Cloud API call retried'),
          })
        : await call();
    } catch (err) {
      if (err instanceof CloudApiError && err.kind === 'unreachable') await this.unreachable(userKey, err.description);
      if (err instanceof CloudApiError && err.kind === 'auth') this.alertOnce('token', 'wacloud.token', {});
      throw err instanceof CloudApiError || err instanceof NetworkError ? err : new NetworkError(CLOUD, 'messages', err);
    }
    const at = this.now().toISOString();
    await this.statuses
      .set(id, { userKey, form, sentAt: at, state: 'accepted', at, history: [{ state: 'accepted', at }] }, STATUS_TTL_MS)
      .catch((err: unknown) => this.log.warn({ err }, 'WhatsApp message id not recorded'));
    return id;
  }

  /** Report a person WhatsApp cannot reach through the host's one unreachable hook. Never throws. */
  private async unreachable(userKey: string, reason: string): Promise<void> {
    try {
      await this.host?.markUnreachable(userKey, reason);
    } catch (err) {
      this.log.error({ err }, 'could not mark a WhatsApp Cloud API user unreachable');
    }
  }

  /** Tell staff once a day per `kind` (a broadcast outside the window must not send hundreds of alerts). */
  private alertOnce(kind: string, key: string, vars: Record<string, string>): void {
    const task = (async () => {
      if (await this.alerts.get(kind)) return;
      await this.alerts.set(kind, { at: this.now().toISOString() }, 24 * 3_600_000);
      await this.host?.alertStaff(key, vars);
    })().catch((err: unknown) => this.log.warn({ err }, 'staff alert failed'));
    this.track(task);
  }
}

const RANK: Readonly<Record<MessageStatus['state'], number>> = { accepted: 0, sent: 1, delivered: 2, read: 3, failed: 4 };
const rank = (s: MessageStatus['state']): number => RANK[s];

/** A template parameter may not hold new lines, tabs or more than four spaces in a row, and is bounded. */
export function templateParam(text: string): string {
  const flat = text
    .replace(/\s*\n+\s*/g, ' · ')
    .replace(/[\t ]+/g, ' ')
    .trim();
  return [...flat].length <= TEMPLATE_PARAM_LIMIT ? flat : `${[...flat].slice(0, TEMPLATE_PARAM_LIMIT - 1).join('')}…`;
}

/** An inbound message as stored (dates as ISO strings). */
function freeze(m: InboundMessage): NonNullable<InboxEntry['message']> {
  return {
    userKey: m.userKey,
    text: m.text,
    ...(m.attachments ? { attachments: m.attachments.map((a) => ({ ...a })) } : {}),
    ...(m.phone ? { phone: m.phone } : {}),
    ...(m.sentAt ? { sentAt: m.sentAt.toISOString() } : {}),
  };
}

function revive(m: NonNullable<InboxEntry['message']>): InboundMessage {
  return {
    userKey: m.userKey,
    text: m.text,
    ...(m.attachments ? { attachments: m.attachments } : {}),
    ...(m.phone ? { phone: m.phone } : {}),
    ...(m.sentAt ? { sentAt: new Date(m.sentAt) } : {}),
  };
}
