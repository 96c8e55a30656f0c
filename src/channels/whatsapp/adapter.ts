/**
 * The WhatsApp channel. It owns one whatsapp-web.js client at a time, built by a factory (tests inject a
 * fake), and keeps it alive: `disconnected`, `auth_failure`, a failed `initialize()` or a crashed Chromium
 * each lead to a NEW client after a capped exponential backoff (a client ends itself on `disconnected`, and
 * cannot be initialised twice). Whatever WhatsApp does, `start()` resolves at once and the other channels
 * keep running.
 *
 * WhatsApp Web also breaks without saying so; each case rebuilds the client the same way:
 * - `authenticated` without `ready` (whatsapp-web.js #3785): a watchdog gives `ready` `readyTimeoutMs`, then
 *   rebuilds and tells staff (`alert.whatsapp.stuck`).
 * - a page gone stale after hours idle ("Attempted to use detached Frame", #5678) with no `disconnected`: a
 *   `getState()` probe every `healthMs`, and {@link HEALTH_FAILURES} failed probes or page-level send errors
 *   in a row, rebuild.
 *
 * Messages of one chat are handled and answered in order (turn, then its replies, then the next turn), chats
 * in parallel. Only people who wrote first are ever sent anything (`whatsapp_contacts`): WhatsApp bans
 * numbers that message strangers (PITFALLS WhatsApp 1).
 *
 * One person can write under two ids (`@c.us` before WhatsApp's LID migration, `@lid` now). The channel
 * links them (`whatsapp_aliases`, asked of WhatsApp once per unknown `@lid`, and once at start for the staff
 * allow-list) and keeps the core unaware of it: a message keeps the user key it arrives with, unless the
 * other form is the one the bot already knows (a staff key, or a person who wrote before under it); then the
 * message is handed on under that known key, so staff rights, subscriptions, sessions and complaint
 * ownership stay one person's. Sends to an old `@c.us` go to its `@lid` once the link is known.
 *
 * Each sent message's delivery acks (`message_ack`) are kept by message id (`whatsapp_acks`,
 * {@link WhatsAppChannel.deliveryOf}): `sendMessage` resolving only means WhatsApp Web accepted it.
 */
import { z } from 'zod';
import { NetworkError, PlatformApiError } from '../../lib/errors.js';
import type { InboundMessage, Reply, SendReceipt } from '../../kernel/message.js';
import type { Logger } from '../../lib/log.js';
import { KeyedLock } from '../../lib/keyed-lock.js';
import type { Collection, Store } from '../../store/store.js';
import { untilIdle, type Channel, type ChannelHost, type DurableReplies } from '../../kernel/channel.js';
import { ACK, ACK_TTL_MS, deliveryState, mergeAck, WHATSAPP_ACKS, WhatsAppAck, type DeliveryState } from './acks.js';
import { otherId, parseLookup, WHATSAPP_ALIASES, WhatsAppAlias } from './aliases.js';
import { HEALTH_FAILURES, isEvaluationFailure } from './health.js';
import { chatIdOf, ignoreReason, toInbound, whatsappUserKey, type WaChat, type WaMessage } from './message.js';
import { removeQrPng, writeQrPng } from './qr.js';
import { backoffDelay, clearStaleProfileLock, DEFAULT_BACKOFF, type Backoff } from './reconnect.js';
import { renderWhatsApp } from './render.js';

/** The part of puppeteer's `Browser` the adapter uses: to notice a crash and to kill a hung one. */
export interface WaBrowser {
  on(event: 'disconnected', listener: () => void): unknown;
  process?(): { kill(signal?: NodeJS.Signals | number): boolean } | null;
}

/** The WhatsApp messages replies become: one per reply that has text. */
function texts(replies: readonly Reply[]): string[] {
  return replies.map(renderWhatsApp).filter((t) => t.trim() !== '');
}

/** Options of `sendMessage` the adapter sets. */
export interface WaSendOptions {
  /**
   * Marking the chat seen before sending fails on some WhatsApp Web builds ("reading 'markedUnread'",
   * whatsapp-web.js #5718/#5736) and then the reply is not sent at all; the adapter turns it off.
   */
  sendSeen?: boolean;
}

/** The part of a whatsapp-web.js `Message` that a `message_ack` event carries and the adapter reads. */
export interface WaAckMessage {
  id: { _serialized: string };
}

/** The part of whatsapp-web.js's `Client` the adapter uses (its events and methods, same names). */
export interface WaClient {
  on(event: 'qr', listener: (qr: string) => void): unknown;
  on(event: 'ready' | 'authenticated', listener: () => void): unknown;
  on(event: 'auth_failure', listener: (message: string) => void): unknown;
  on(event: 'disconnected', listener: (reason: string) => void): unknown;
  on(event: 'message', listener: (message: WaMessage) => void): unknown;
  /** A delivery ack of a message: -1 error, 0 pending, 1 server, 2 device, 3 read, 4 played. */
  on(event: 'message_ack', listener: (message: WaAckMessage, ack: number) => void): unknown;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  /** Resolves with the sent `Message`, or with nothing when WhatsApp Web has no chat for the id. */
  sendMessage(chatId: string, content: string, options?: WaSendOptions): Promise<unknown>;
  /** WhatsApp Web's socket state (`CONNECTED`, `OPENING`, `TIMEOUT`, …); a page evaluation, so it fails on a dead page. */
  getState(): Promise<string | null>;
  /** For each id (`@c.us` or `@lid`), both forms as WhatsApp Web knows them (fields absent when unknown). */
  getContactLidAndPhone(userIds: string[]): Promise<{ lid?: string; pn?: string }[]>;
  /** Set by `initialize()` once Chromium runs. */
  pupBrowser?: WaBrowser | null;
}

/** The collection of people who wrote to the bot first (the only ones `send` may reach), by user key. */
export const WHATSAPP_CONTACTS = 'whatsapp_contacts';

/** One entry of {@link WHATSAPP_CONTACTS}. */
export const WhatsAppContact = z.object({ firstSeen: z.string() });
/** One entry of {@link WHATSAPP_CONTACTS}. */
export type WhatsAppContact = z.infer<typeof WhatsAppContact>;

/** What the channel is built from. */
export interface WhatsAppChannelOptions {
  /** Builds a NEW client for each connection attempt. */
  createClient: () => WaClient;
  store: Store;
  /** The LocalAuth folder (shown to staff: deleting it unpairs). */
  dataPath: string;
  /** The Chromium profile inside it, freed from a dead browser's lock before each launch. */
  profileDir: string;
  /** Where a new pairing QR code is written as a PNG. */
  qrImagePath: string;
  log: Logger;
  backoff?: Backoff;
  /** Longest "typing…" pause before a reply (ms); 0 turns it off. Default 1500. */
  typingMaxMs?: number;
  /** Typing pause per character of the reply (ms). Default 30. */
  typingMsPerChar?: number;
  /** An `initialize()` that has not settled by then counts as failed. Default 3 minutes. */
  initTimeoutMs?: number;
  /** A `destroy()` that has not settled by then: the browser is killed. Default 15 s. */
  destroyTimeoutMs?: number;
  /** `ready` not come this long after `authenticated`: the client is rebuilt and staff told. Default 3 minutes. */
  readyTimeoutMs?: number;
  /** `getState()` health probe every so often while ready; 0 turns it off. Default 60 s. */
  healthMs?: number;
  /** A probe that has not answered by then counts as failed. Default 30 s (at most `healthMs`). */
  probeTimeoutMs?: number;
  /** A `getContactLidAndPhone` lookup that has not answered by then is given up (the turn goes on). Default 10 s. */
  lookupTimeoutMs?: number;
  /** The staff allow-list as WhatsApp ids (`…@c.us`, `…@lid`): their other forms are looked up once at start. */
  staffIds?: readonly string[];
  now?: () => Date;
  random?: () => number;
}

/** What {@link WhatsAppChannel.deliveryOf} tells about one sent message. */
export interface WhatsAppDelivery extends WhatsAppAck {
  state: DeliveryState;
}

/** The part of a sent `Message` the adapter reads: its id and first ack. */
const SentMessage = z.object({ id: z.object({ _serialized: z.string().min(1) }), ack: z.number().int().optional() });

/** Early acks kept in memory for messages whose send is not recorded yet (an ack can overtake it). */
const EARLY_ACKS_MAX = 500;

/** Disconnect reasons that mean the phone unlinked the bot: staff must pair again. */
const UNPAIRED = new Set(['LOGOUT', 'UNPAIRED', 'UNPAIRED_IDLE']);

const SEND_OPTIONS: WaSendOptions = { sendSeen: false };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Settle with `promise`, or with `'timeout'` after `ms` (the timer is cleared either way). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The WhatsApp channel (user keys `whatsapp:<id>`). */
export class WhatsAppChannel implements Channel {
  readonly name = 'whatsapp';
  private host: ChannelHost | undefined;
  private client: WaClient | undefined;
  private ready = false;
  /** Bumped for each client; events of an older client are ignored. */
  private generation = 0;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = true;
  /** Staff were told that pairing is needed; reset once ready. */
  private unpairedAlerted = false;
  /** Staff were told that `ready` did not come; reset once ready. */
  private stuckAlerted = false;
  private readyTimer: NodeJS.Timeout | undefined;
  private healthTimer: NodeJS.Timeout | undefined;
  private probing = false;
  /** Probe or page-level send failures in a row, of the current client. */
  private failures = 0;
  /** Ids asked of WhatsApp in this process (a failed lookup is not retried for the same id until restart). */
  private readonly asked = new Set<string>();
  private staffResolved = false;
  private readonly acks: Collection<WhatsAppAck>;
  private readonly aliases: Collection<WhatsAppAlias>;
  private readonly ackLock = new KeyedLock();
  private readonly earlyAcks = new Map<string, { ack: number; at: string }>();
  private readonly chats = new KeyedLock();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly contacts: Collection<WhatsAppContact>;
  private readonly log: Logger;
  private readonly backoff: Backoff;
  private readonly now: () => Date;

  constructor(private readonly opts: WhatsAppChannelOptions) {
    this.contacts = opts.store.collection(WHATSAPP_CONTACTS, WhatsAppContact);
    this.acks = opts.store.collection(WHATSAPP_ACKS, WhatsAppAck);
    this.aliases = opts.store.collection(WHATSAPP_ALIASES, WhatsAppAlias);
    this.log = opts.log.child({ channel: 'whatsapp' });
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.now = opts.now ?? (() => new Date());
  }

  /** Whether a client is connected and ready to send. */
  get isReady(): boolean {
    return this.ready;
  }

  /** Resolves once every message received so far has been handled and answered (tests, shutdown). */
  whenIdle(): Promise<void> {
    return untilIdle(this.inFlight, this.host);
  }

  /** Starts connecting in the background and resolves at once: pairing or an outage must not block. */
  async start(host: ChannelHost): Promise<void> {
    this.host = host;
    this.stopped = false;
    void this.connect();
  }

  /** Stops reconnecting, lets the turns in flight finish, closes the browser. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.generation += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.clearWatch();
    await this.whenIdle();
    const client = this.client;
    this.client = undefined;
    this.ready = false;
    if (client) await this.destroyClient(client);
  }

  /**
   * Send replies to someone who wrote to the bot before (announcements, complaint updates). Refuses anyone
   * else: pacing and daily caps are the broadcaster's job. An old `@c.us` key goes to the person's current
   * `@lid` when the two are linked.
   * @throws PlatformApiError 403 for a person who never wrote first, 400 for a key that is not WhatsApp's,
   *   404 when WhatsApp has no such chat; NetworkError while WhatsApp is not connected or a call fails.
   */
  async send(userKey: string, replies: readonly Reply[]): Promise<SendReceipt[]> {
    return (await this.sendWithIds(userKey, replies)).map((id) => ({ messageRef: id }));
  }

  /**
   * {@link send}, resolving with the serialized ids of the messages sent (for {@link deliveryOf}). The ids are
   * also the receipts' `messageRef` (a staff member's quoted reply points at one).
   */
  async sendWithIds(userKey: string, replies: readonly Reply[]): Promise<string[]> {
    const chatId = chatIdOf(userKey);
    if (!chatId) throw new PlatformApiError('whatsapp', 'sendMessage', 400, 'not a WhatsApp user key');
    if (!(await this.wroteFirst(userKey, chatId))) {
      await this.unreachable(userKey, 'never wrote first');
      throw new PlatformApiError(
        'whatsapp',
        'sendMessage',
        403,
        'this person never wrote to the bot; WhatsApp bans numbers that message people first, so only people who wrote first are sent anything',
      );
    }
    return this.chats.run(userKey, async () => {
      const client = this.client;
      if (!client || !this.ready) {
        throw new NetworkError('whatsapp', 'sendMessage', new Error('WhatsApp is not connected (pairing or reconnecting)'));
      }
      const gen = this.generation;
      let target = (await this.currentId(chatId)) ?? chatId;
      const ids: string[] = [];
      for (const reply of replies) {
        const text = renderWhatsApp(reply);
        if (text.trim() === '') continue;
        let sent = await this.sendOne(client, gen, target, text);
        // An old phone-number chat may be gone since the person moved to an @lid: ask WhatsApp once.
        if (sent === undefined && target === chatId && chatId.endsWith('@c.us')) {
          const moved = otherId(chatId, await this.linkOf(client, chatId, true));
          if (moved) {
            target = moved;
            sent = await this.sendOne(client, gen, target, text);
          }
        }
        if (sent === undefined) {
          await this.unreachable(userKey, 'no chat');
          throw new PlatformApiError('whatsapp', 'sendMessage', 404, 'WhatsApp has no chat with this person');
        }
        if (sent.id !== '') {
          ids.push(sent.id);
          await this.recordSent(sent.id, userKey, sent.ack);
        }
      }
      return ids;
    });
  }

  /**
   * What WhatsApp confirmed about a message the bot sent: `server` (accepted by WhatsApp's server), `device`
   * (on the person's phone), `read`, `error`, or `pending`; undefined for an id the bot did not record.
   * @throws StoreError
   */
  async deliveryOf(messageId: string): Promise<WhatsAppDelivery | undefined> {
    const rec = await this.acks.get(messageId);
    return rec ? { ...rec, state: deliveryState(rec.ack) } : undefined;
  }

  /**
   * One `sendMessage`: the sent message's id and first ack, or undefined when WhatsApp has no such chat.
   * @throws NetworkError when the call fails (a page-level failure also counts towards a rebuild).
   */
  private async sendOne(client: WaClient, gen: number, chatId: string, text: string): Promise<{ id: string; ack: number } | undefined> {
    let sent: unknown;
    try {
      sent = await client.sendMessage(chatId, text, SEND_OPTIONS);
    } catch (err) {
      this.pageFailed(client, gen, err);
      throw new NetworkError('whatsapp', 'sendMessage', err);
    }
    this.pageAnswered(gen);
    // whatsapp-web.js resolves with nothing when WhatsApp Web has no chat for the id.
    if (sent === undefined || sent === null) return undefined;
    const parsed = SentMessage.safeParse(sent);
    // Sent, but without an id we cannot follow its acks; still delivered as far as WhatsApp Web says.
    if (!parsed.success) return { id: '', ack: ACK.PENDING };
    return { id: parsed.data.id._serialized, ack: parsed.data.ack ?? ACK.PENDING };
  }

  /** Whether this person wrote first, under this id or (once linked) its other form. */
  private async wroteFirst(userKey: string, chatId: string): Promise<boolean> {
    if (await this.contacts.get(userKey)) return true;
    const other = otherId(chatId, await this.cachedLink(chatId));
    return other !== undefined && (await this.contacts.get(whatsappUserKey(other))) !== undefined;
  }

  /** The id to send to for `chatId`: its `@lid` when an old `@c.us` is linked to one. */
  private async currentId(chatId: string): Promise<string | undefined> {
    if (!chatId.endsWith('@c.us')) return undefined;
    return otherId(chatId, await this.cachedLink(chatId));
  }

  /** Report a person WhatsApp cannot reach, once, through the host's one unreachable hook. Never throws. */
  private async unreachable(userKey: string, reason: string): Promise<void> {
    try {
      await this.host?.markUnreachable(userKey, reason);
    } catch (err) {
      this.log.error({ err, user: userKey }, 'could not mark a WhatsApp user unreachable');
    }
  }

  // ── connection ────────────────────────────────────────────────────────────────────────────────────────

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.generation += 1;
    const gen = this.generation;
    try {
      const lock = await clearStaleProfileLock(this.opts.profileDir);
      if (lock.heldByPid !== undefined) {
        throw new Error(
          `the WhatsApp session folder is in use by a running Chromium (pid ${lock.heldByPid}): another bot instance or "whatsapp login"?`,
        );
      }
      if (lock.removed.length > 0) this.log.warn({ removed: lock.removed }, 'removed a dead Chromium profile lock');
      const client = this.opts.createClient();
      this.client = client;
      this.wire(client, gen);
      const outcome = await within(client.initialize(), this.opts.initTimeoutMs ?? 180_000);
      if (gen !== this.generation) return;
      if (outcome === 'timeout') {
        this.lost(gen, 'initialize timed out');
        return;
      }
      // A Chromium that dies (OOM, killed) says so only through puppeteer.
      client.pupBrowser?.on('disconnected', () => this.lost(gen, 'browser closed'));
    } catch (err) {
      if (gen !== this.generation) return;
      this.log.error({ err }, 'WhatsApp client failed to start');
      this.lost(gen, 'initialize failed');
    }
  }

  private wire(client: WaClient, gen: number): void {
    const current = () => gen === this.generation && !this.stopped;
    client.on('qr', (qr) => {
      if (current()) void this.onQr(qr);
    });
    client.on('authenticated', () => {
      if (!current()) return;
      this.log.info('WhatsApp session authenticated');
      this.watchReady(gen);
    });
    client.on('ready', () => {
      if (!current()) return;
      clearTimeout(this.readyTimer);
      this.readyTimer = undefined;
      this.ready = true;
      this.attempt = 0;
      this.failures = 0;
      this.unpairedAlerted = false;
      this.stuckAlerted = false;
      this.log.info('WhatsApp ready');
      this.watchHealth(client, gen);
      void this.resolveStaff(client);
      removeQrPng(this.opts.qrImagePath).catch((err: unknown) => this.log.warn({ err }, 'old QR image not removed'));
    });
    client.on('auth_failure', (message) => {
      if (!current()) return;
      this.log.error({ reason: message }, 'WhatsApp authentication failed');
      this.alert('whatsapp.auth_failure', { dir: this.opts.dataPath });
      this.unpairedAlerted = true;
      this.lost(gen, 'auth_failure');
    });
    client.on('disconnected', (reason) => {
      if (!current()) return;
      this.log.warn({ reason }, 'WhatsApp disconnected');
      if (UNPAIRED.has(String(reason))) {
        this.alert('whatsapp.logout', { reason: String(reason), qr: this.opts.qrImagePath });
        this.unpairedAlerted = true;
      }
      this.lost(gen, `disconnected: ${String(reason)}`);
    });
    // `message` (not `message_create`) carries only messages from others; fromMe is filtered as well.
    client.on('message', (msg) => this.onMessage(client, msg));
    client.on('message_ack', (msg, ack) => void this.onAck(msg, ack));
  }

  /** The current client is gone: drop it and build a new one after the backoff delay. */
  private lost(gen: number, reason: string): void {
    if (gen !== this.generation || this.stopped) return;
    this.generation += 1;
    this.ready = false;
    this.clearWatch();
    const old = this.client;
    this.client = undefined;
    const delay = backoffDelay(this.attempt, this.backoff, this.opts.random);
    this.attempt += 1;
    this.log.warn({ reason, attempt: this.attempt, retryInMs: delay }, 'WhatsApp connection lost; reconnecting');
    // The old browser must be gone before a new one opens the same profile.
    const destroyed = old ? this.destroyClient(old) : Promise.resolve();
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void destroyed.then(() => this.connect());
    }, delay);
  }

  // ── watchdog and health ───────────────────────────────────────────────────────────────────────────────

  /** `authenticated` came: `ready` must follow within `readyTimeoutMs`, else rebuild and tell staff (once). */
  private watchReady(gen: number): void {
    clearTimeout(this.readyTimer);
    const ms = this.opts.readyTimeoutMs ?? 180_000;
    this.readyTimer = setTimeout(() => {
      this.readyTimer = undefined;
      if (gen !== this.generation || this.stopped || this.ready) return;
      this.log.error({ waitedMs: ms }, 'WhatsApp authenticated but never became ready; rebuilding the client');
      if (!this.stuckAlerted) {
        this.stuckAlerted = true;
        this.alert('whatsapp.stuck', { minutes: String(Math.max(1, Math.round(ms / 60_000))) });
      }
      this.lost(gen, 'ready did not follow authenticated');
    }, ms);
    this.readyTimer.unref();
  }

  /** Probe the page with `getState()` every `healthMs` while this client is ready. */
  private watchHealth(client: WaClient, gen: number): void {
    clearInterval(this.healthTimer);
    this.healthTimer = undefined;
    const ms = this.opts.healthMs ?? 60_000;
    if (ms <= 0) return;
    this.healthTimer = setInterval(() => void this.probe(client, gen), ms);
    // A probe must never keep the process alive on its own (shutdown, tests).
    this.healthTimer.unref();
  }

  private clearWatch(): void {
    clearTimeout(this.readyTimer);
    this.readyTimer = undefined;
    clearInterval(this.healthTimer);
    this.healthTimer = undefined;
    this.failures = 0;
  }

  /** One health probe: a `getState()` that fails, hangs or answers nothing counts as a failure. */
  private async probe(client: WaClient, gen: number): Promise<void> {
    if (this.probing || gen !== this.generation || this.stopped) return;
    this.probing = true;
    try {
      const ms = Math.min(this.opts.probeTimeoutMs ?? 30_000, this.opts.healthMs ?? 60_000);
      const state = await within(client.getState(), ms);
      if (gen !== this.generation) return;
      if (state === 'timeout') this.failed(gen, 'getState timed out');
      else if (state === null || state === undefined) this.failed(gen, 'getState answered nothing');
      else {
        // OPENING, TIMEOUT, PAIRING…: WhatsApp Web is reconnecting by itself, and says `disconnected` if it gives up.
        if (state !== 'CONNECTED') this.log.info({ state }, 'WhatsApp Web is not connected right now');
        this.failures = 0;
      }
    } catch (err) {
      if (gen === this.generation) this.failed(gen, err instanceof Error ? err.message : String(err));
    } finally {
      this.probing = false;
    }
  }

  /** A page evaluation of this client failed; page-level failures count, and are checked at once by a probe. */
  private pageFailed(client: WaClient, gen: number, err: unknown): void {
    if (gen !== this.generation || !isEvaluationFailure(err)) return;
    this.failed(gen, err instanceof Error ? err.message : String(err));
    if (gen === this.generation) void this.probe(client, gen);
  }

  /** A page evaluation of this client worked: the failures in a row start again from zero. */
  private pageAnswered(gen: number): void {
    if (gen === this.generation) this.failures = 0;
  }

  private failed(gen: number, why: string): void {
    this.failures += 1;
    this.log.warn({ reason: why, failures: this.failures }, 'WhatsApp Web page check failed');
    if (this.failures >= HEALTH_FAILURES) this.lost(gen, `page unhealthy: ${why}`);
  }

  /** `destroy()`, bounded: a hung one gets its browser killed. Never throws. */
  private async destroyClient(client: WaClient): Promise<void> {
    try {
      const outcome = await within(client.destroy(), this.opts.destroyTimeoutMs ?? 15_000);
      if (outcome !== 'timeout') return;
      this.log.warn('WhatsApp client did not close in time; killing its browser');
    } catch (err) {
      this.log.warn({ err }, 'WhatsApp client did not close cleanly; killing its browser');
    }
    try {
      client.pupBrowser?.process?.()?.kill('SIGKILL');
    } catch (err) {
      this.log.warn({ err }, 'browser could not be killed');
    }
  }

  private async onQr(qr: string): Promise<void> {
    this.ready = false;
    this.log.warn({ qrImage: this.opts.qrImagePath }, 'WhatsApp is not paired: scan the QR code from WhatsApp → Linked devices');
    try {
      await writeQrPng(this.opts.qrImagePath, qr);
    } catch (err) {
      this.log.error({ err }, 'QR image not written');
    }
    if (!this.unpairedAlerted) {
      this.unpairedAlerted = true;
      this.alert('whatsapp.unpaired', { qr: this.opts.qrImagePath });
    }
  }

  /** Best effort: a staff chat that is down must not stop the reconnection. */
  private alert(key: string, vars: Record<string, string>): void {
    this.host?.alertStaff(key, vars).catch((err: unknown) => this.log.warn({ err }, 'staff alert failed'));
  }

  // ── conversation ──────────────────────────────────────────────────────────────────────────────────────

  private onMessage(client: WaClient, msg: WaMessage): void {
    const host = this.host;
    if (!host) return;
    const arrived = toInbound(msg);
    if (!arrived) {
      this.log.debug({ ignored: ignoreReason(msg) }, 'WhatsApp message ignored');
      return;
    }
    const task = this.chats
      .run(arrived.userKey, async () => {
        const inbound = await this.route(client, host, msg.from, arrived);
        await this.remember(inbound.userKey);
        // "typing…" while the turn runs and the answer waits its human-like pause (best effort).
        if ((this.opts.typingMaxMs ?? 1500) > 0) {
          void msg
            .getChat()
            .then((chat) => chat.sendStateTyping())
            .catch((err: unknown) => this.log.debug({ err }, 'typing state not shown'));
        }
        // The answer is stored with the turn and sent by the runtime through `durable` (it survives a
        // reconnect or a crash); what comes back here is only what could not be stored (a store outage).
        const replies = await host.handle({ ...(await this.withQuote(msg, inbound)), replyAddress: `${msg.from} ${inbound.userKey}` });
        await this.reply(client, msg, replies, inbound.userKey);
      })
      .catch((err: unknown) => this.log.error({ err }, 'WhatsApp reply not delivered'));
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
  }

  /**
   * The message under the key the bot knows this person by. The key stays the id it arrived with, unless its
   * other form (linked by WhatsApp) is already known while this one is not: a staff key (the allow-list lists
   * a phone number, the message comes from the @lid), or a person who wrote before under it. Then the known
   * key is used, so one person stays one user to the core (staff rights, subscriptions, complaints).
   * Never throws: without a link the message goes on as it came.
   */
  private async route(client: WaClient, host: ChannelHost, id: string, inbound: InboundMessage): Promise<InboundMessage> {
    try {
      // Only @lid senders are looked up: an @c.us sender's chat works as it is; its @lid comes when they write from it.
      const other = otherId(id, await this.linkOf(client, id, id.endsWith('@lid')));
      if (!other) return inbound;
      const otherKey = whatsappUserKey(other);
      const known =
        (host.isStaff(otherKey) && !host.isStaff(inbound.userKey)) ||
        (!(await this.contacts.get(inbound.userKey)) && (await this.contacts.get(otherKey)) !== undefined);
      if (!known) return inbound;
      this.log.debug({ via: 'alias' }, 'WhatsApp message keyed by the id the bot already knows');
      const routed: InboundMessage = { ...inbound, userKey: otherKey };
      const phone = /^(\d+)@c\.us$/.exec(other)?.[1];
      if (phone && !routed.phone) routed.phone = phone;
      return routed;
    } catch (err) {
      this.log.warn({ err }, 'WhatsApp id link not checked');
      return inbound;
    }
  }

  /** A quoted reply to one of the bot's own messages carries that message's id (staff answering a relay). */
  private async withQuote(msg: WaMessage, inbound: InboundMessage): Promise<InboundMessage> {
    if (!msg.hasQuotedMsg || !msg.getQuotedMessage) return inbound;
    try {
      const quoted = await msg.getQuotedMessage();
      return quoted?.fromMe ? { ...inbound, replyTo: { messageRef: quoted.id._serialized } } : inbound;
    } catch (err) {
      this.log.debug({ err }, 'quoted WhatsApp message not read');
      return inbound;
    }
  }

  /** The stored link of `id`; a store failure reads as no link. */
  private async cachedLink(id: string): Promise<WhatsAppAlias | undefined> {
    try {
      return await this.aliases.get(id);
    } catch (err) {
      this.log.warn({ err }, 'WhatsApp id link not read');
      return undefined;
    }
  }

  /**
   * The link of `id`: from the store, else (when `lookup`) asked of WhatsApp once and stored under both ids,
   * including "WhatsApp does not know" so the same id is never asked again. Never throws.
   */
  private async linkOf(client: WaClient, id: string, lookup: boolean): Promise<WhatsAppAlias | undefined> {
    const cached = await this.cachedLink(id);
    if (cached || !lookup) return cached;
    return (await this.lookUp(client, [id])).get(id);
  }

  /** Ask WhatsApp for the other forms of `ids` (not yet asked in this process), store the answers. Never throws. */
  private async lookUp(client: WaClient, ids: readonly string[]): Promise<Map<string, WhatsAppAlias>> {
    const fresh = ids.filter((id) => !this.asked.has(id));
    if (fresh.length === 0 || client !== this.client || !this.ready) return new Map();
    for (const id of fresh) this.asked.add(id);
    const gen = this.generation;
    let raw: unknown;
    try {
      raw = await within(client.getContactLidAndPhone([...fresh]), this.opts.lookupTimeoutMs ?? 10_000);
    } catch (err) {
      this.log.warn({ err }, 'WhatsApp id lookup failed');
      this.pageFailed(client, gen, err);
      return new Map();
    }
    if (raw === 'timeout') {
      this.log.warn('WhatsApp id lookup timed out');
      return new Map();
    }
    this.pageAnswered(gen);
    const links = parseLookup(fresh, raw, this.now().toISOString());
    for (const [id, link] of links) {
      try {
        await this.aliases.set(id, link);
        const other = otherId(id, link);
        if (other) await this.aliases.set(other, link);
      } catch (err) {
        this.log.warn({ err }, 'WhatsApp id link not stored');
      }
    }
    return links;
  }

  /** Once per process, at the first `ready`: link the staff allow-list's ids to their other forms. */
  private async resolveStaff(client: WaClient): Promise<void> {
    if (this.staffResolved) return;
    this.staffResolved = true;
    const unknown: string[] = [];
    for (const id of this.opts.staffIds ?? []) if (!(await this.cachedLink(id))) unknown.push(id);
    if (unknown.length === 0) return;
    const links = await this.lookUp(client, unknown);
    const linked = [...links.entries()].filter(([id, link]) => otherId(id, link) !== undefined).length;
    this.log.info({ asked: unknown.length, linked }, 'WhatsApp staff ids linked to their other forms');
  }

  /** Record that this person wrote first (the only people `send` may reach later). */
  private async remember(userKey: string): Promise<void> {
    try {
      if (!(await this.contacts.get(userKey))) {
        await this.contacts.set(userKey, { firstSeen: this.now().toISOString() });
      }
    } catch (err) {
      // The turn itself reports a store outage to the person; do not fail it twice.
      this.log.warn({ err }, 'WhatsApp contact not recorded');
    }
  }

  /**
   * Answer in the chat the message came from, piece by piece. A piece WhatsApp does not take (a failed call,
   * or no chat: `sendMessage` resolving with nothing) ends the answer there: the later pieces would read
   * out of context. @throws NetworkError or PlatformApiError 404 (logged by the caller as not delivered)
   */
  private async reply(client: WaClient, msg: WaMessage, replies: readonly Reply[], userKey: string): Promise<void> {
    const gen = this.generation;
    let chat: WaChat | undefined;
    for (const reply of replies) {
      const text = renderWhatsApp(reply);
      if (text.trim() === '') continue;
      const pause = this.typingMs(text);
      if (pause > 0) {
        try {
          chat ??= await msg.getChat();
          await chat.sendStateTyping();
        } catch (err) {
          this.log.debug({ err }, 'typing state not shown');
        }
        await sleep(pause);
      }
      const sent = await this.sendOne(client, gen, msg.from, text);
      if (sent === undefined) throw new PlatformApiError('whatsapp', 'sendMessage', 404, 'WhatsApp has no chat for this reply');
      if (sent.id !== '') await this.recordSent(sent.id, userKey, sent.ack);
    }
  }

  /**
   * The durable path (`Channel.durable`): one WhatsApp message per reply, to the chat the message came from
   * (the address is `<chat id> <user key>`), after the same human-like pause as a direct reply. While
   * WhatsApp is not connected a piece fails as a network error, and the runtime tries it again later.
   */
  readonly durable: DurableReplies = {
    pieces: (replies) => texts(replies).length,
    chatOf: (address) => {
      const chat = address.split(' ')[0] ?? address;
      return { chat, group: chat.endsWith('@g.us') };
    },
    sendPiece: async (address, replies, index) => {
      const [chatId = '', userKey = ''] = address.split(' ');
      const text = texts(replies)[index];
      if (text === undefined) return;
      const client = this.client;
      if (!client || !this.ready) throw new NetworkError('whatsapp', 'sendMessage', new Error('WhatsApp is not connected (pairing or reconnecting)'));
      const gen = this.generation;
      const pause = this.typingMs(text);
      if (pause > 0) await sleep(pause);
      const sent = await this.sendOne(client, gen, chatId, text);
      if (sent === undefined) throw new PlatformApiError('whatsapp', 'sendMessage', 404, 'WhatsApp has no chat for this reply');
      if (sent.id !== '') await this.recordSent(sent.id, userKey, sent.ack);
    },
  };

  // ── delivery acks ─────────────────────────────────────────────────────────────────────────────────────

  /** Record a sent message (with an ack that may have overtaken the send). Never throws: it was sent. */
  private async recordSent(messageId: string, userKey: string, ack: number): Promise<void> {
    await this.ackLock.run(messageId, async () => {
      try {
        const early = this.earlyAcks.get(messageId);
        this.earlyAcks.delete(messageId);
        const prior = await this.acks.get(messageId);
        const merged = mergeAck(mergeAck(prior?.ack, ack), early?.ack ?? ack);
        await this.acks.set(messageId, { userKey, ack: merged, at: early?.at ?? prior?.at ?? this.now().toISOString() }, ACK_TTL_MS);
      } catch (err) {
        this.log.warn({ err }, 'WhatsApp message not recorded for delivery acks');
      }
    });
  }

  /** A `message_ack`: update the record of a message the bot sent. Never throws. */
  private async onAck(msg: WaAckMessage, ack: number): Promise<void> {
    const messageId = msg.id._serialized;
    if (typeof ack !== 'number' || !Number.isInteger(ack) || ack < ACK.ERROR || ack > ACK.PLAYED) return;
    await this.ackLock.run(messageId, async () => {
      try {
        const at = this.now().toISOString();
        const prior = await this.acks.get(messageId);
        if (!prior) {
          // Not (yet) recorded: the send may still be on its way back; messages typed on the phone never are.
          const early = this.earlyAcks.get(messageId);
          this.earlyAcks.delete(messageId);
          this.earlyAcks.set(messageId, { ack: mergeAck(early?.ack, ack), at });
          if (this.earlyAcks.size > EARLY_ACKS_MAX) {
            const oldest = this.earlyAcks.keys().next().value;
            if (oldest !== undefined) this.earlyAcks.delete(oldest);
          }
          return;
        }
        const merged = mergeAck(prior.ack, ack);
        if (merged !== prior.ack) await this.acks.set(messageId, { ...prior, ack: merged, at }, ACK_TTL_MS);
      } catch (err) {
        this.log.warn({ err }, 'WhatsApp delivery ack not recorded');
      }
    });
  }

  /** A short "typing…" pause proportional to the reply's length, capped. */
  private typingMs(text: string): number {
    const max = this.opts.typingMaxMs ?? 1500;
    if (max <= 0) return 0;
    return Math.min(max, text.length * (this.opts.typingMsPerChar ?? 30));
  }
}
