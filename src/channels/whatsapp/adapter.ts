/**
 * The WhatsApp channel. It owns one whatsapp-web.js client at a time, built by a factory (tests inject a
 * fake), and keeps it alive: `disconnected`, `auth_failure`, a failed `initialize()` or a crashed Chromium
 * each lead to a NEW client after a capped exponential backoff (a client ends itself on `disconnected`, and
 * cannot be initialised twice). Whatever WhatsApp does, `start()` resolves at once and the other channels
 * keep running.
 *
 * Messages of one chat are handled and answered in order (turn, then its replies, then the next turn), chats
 * in parallel. Only people who wrote first are ever sent anything (`whatsapp_contacts`): WhatsApp bans
 * numbers that message strangers (PITFALLS WhatsApp 1).
 */
import { z } from 'zod';
import { NetworkError, PlatformApiError } from '../../lib/errors.js';
import type { InboundMessage, Reply, SendReceipt } from '../../kernel/message.js';
import type { Logger } from '../../lib/log.js';
import { KeyedLock } from '../../lib/keyed-lock.js';
import type { Collection, Store } from '../../store/store.js';
import type { Channel, ChannelHost } from '../../kernel/channel.js';
import { chatIdOf, ignoreReason, toInbound, type WaChat, type WaMessage } from './message.js';
import { removeQrPng, writeQrPng } from './qr.js';
import { backoffDelay, clearStaleProfileLock, DEFAULT_BACKOFF, type Backoff } from './reconnect.js';
import { renderWhatsApp } from './render.js';

/** The part of puppeteer's `Browser` the adapter uses: to notice a crash and to kill a hung one. */
export interface WaBrowser {
  on(event: 'disconnected', listener: () => void): unknown;
  process?(): { kill(signal?: NodeJS.Signals | number): boolean } | null;
}

/** Options of `sendMessage` the adapter sets. */
export interface WaSendOptions {
  /**
   * Marking the chat seen before sending fails on some WhatsApp Web builds ("reading 'markedUnread'",
   * whatsapp-web.js #5718/#5736) and then the reply is not sent at all; the adapter turns it off.
   */
  sendSeen?: boolean;
}

/** The part of whatsapp-web.js's `Client` the adapter uses (its events and methods, same names). */
export interface WaClient {
  on(event: 'qr', listener: (qr: string) => void): unknown;
  on(event: 'ready' | 'authenticated', listener: () => void): unknown;
  on(event: 'auth_failure', listener: (message: string) => void): unknown;
  on(event: 'disconnected', listener: (reason: string) => void): unknown;
  on(event: 'message', listener: (message: WaMessage) => void): unknown;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  sendMessage(chatId: string, content: string, options?: WaSendOptions): Promise<unknown>;
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
  now?: () => Date;
  random?: () => number;
}

/** Disconnect reasons that mean the phone unlinked the bot: staff must pair again. */
const UNPAIRED = new Set(['LOGOUT', 'UNPAIRED', 'UNPAIRED_IDLE']);

const SEND_OPTIONS: WaSendOptions = { sendSeen: false };

/** The part of what `sendMessage` resolves with that is read: the sent message's id. */
const SentMessage = z.object({ id: z.object({ _serialized: z.string().min(1) }) });

/** The serialized id of a sent message (its receipt), when whatsapp-web.js gave one. */
function sentId(sent: unknown): string | undefined {
  return SentMessage.safeParse(sent).data?.id._serialized;
}

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
  private readonly chats = new KeyedLock();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly contacts: Collection<WhatsAppContact>;
  private readonly log: Logger;
  private readonly backoff: Backoff;
  private readonly now: () => Date;

  constructor(private readonly opts: WhatsAppChannelOptions) {
    this.contacts = opts.store.collection(WHATSAPP_CONTACTS, WhatsAppContact);
    this.log = opts.log.child({ channel: 'whatsapp' });
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.now = opts.now ?? (() => new Date());
  }

  /** Whether a client is connected and ready to send. */
  get isReady(): boolean {
    return this.ready;
  }

  /** Resolves once every message received so far has been handled and answered (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
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
    await this.whenIdle();
    const client = this.client;
    this.client = undefined;
    this.ready = false;
    if (client) await this.destroyClient(client);
  }

  /**
   * Send replies to someone who wrote to the bot before (announcements, complaint updates). Refuses anyone
   * else: pacing and daily caps are the broadcaster's job.
   * @throws PlatformApiError 403 for a person who never wrote first, 400 for a key that is not WhatsApp's,
   *   404 when WhatsApp has no such chat; NetworkError while WhatsApp is not connected or a call fails.
   */
  async send(userKey: string, replies: readonly Reply[]): Promise<SendReceipt[]> {
    const chatId = chatIdOf(userKey);
    if (!chatId) throw new PlatformApiError('whatsapp', 'sendMessage', 400, 'not a WhatsApp user key');
    if (!(await this.contacts.get(userKey))) {
      await this.unreachable(userKey, 'never wrote first');
      throw new PlatformApiError(
        'whatsapp',
        'sendMessage',
        403,
        'this person never wrote to the bot; WhatsApp bans numbers that message people first, so only people who wrote first are sent anything',
      );
    }
    return this.chats.run(userKey, async () => {
      const receipts: SendReceipt[] = [];
      const client = this.client;
      if (!client || !this.ready) {
        throw new NetworkError('whatsapp', 'sendMessage', new Error('WhatsApp is not connected (pairing or reconnecting)'));
      }
      for (const reply of replies) {
        const text = renderWhatsApp(reply);
        if (text.trim() === '') continue;
        let sent: unknown;
        try {
          sent = await client.sendMessage(chatId, text, SEND_OPTIONS);
        } catch (err) {
          throw new NetworkError('whatsapp', 'sendMessage', err);
        }
        // whatsapp-web.js resolves with nothing when WhatsApp Web has no chat for the id.
        if (sent === undefined || sent === null) {
          await this.unreachable(userKey, 'no chat');
          throw new PlatformApiError('whatsapp', 'sendMessage', 404, 'WhatsApp has no chat with this person');
        }
        const id = sentId(sent);
        if (id) receipts.push({ messageRef: id });
      }
      return receipts;
    });
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
      if (current()) this.log.info('WhatsApp session authenticated');
    });
    client.on('ready', () => {
      if (!current()) return;
      this.ready = true;
      this.attempt = 0;
      this.unpairedAlerted = false;
      this.log.info('WhatsApp ready');
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
  }

  /** The current client is gone: drop it and build a new one after the backoff delay. */
  private lost(gen: number, reason: string): void {
    if (gen !== this.generation || this.stopped) return;
    this.generation += 1;
    this.ready = false;
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
    const inbound = toInbound(msg);
    if (!inbound) {
      this.log.debug({ ignored: ignoreReason(msg) }, 'WhatsApp message ignored');
      return;
    }
    const task = this.chats
      .run(inbound.userKey, async () => {
        await this.remember(inbound.userKey);
        const replies = await host.handle(await this.withQuote(msg, inbound));
        await this.reply(client, msg, replies);
      })
      .catch((err: unknown) => this.log.error({ err }, 'WhatsApp reply not delivered'));
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
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

  private async reply(client: WaClient, msg: WaMessage, replies: readonly Reply[]): Promise<void> {
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
      await client.sendMessage(msg.from, text, SEND_OPTIONS);
    }
  }

  /** A short "typing…" pause proportional to the reply's length, capped. */
  private typingMs(text: string): number {
    const max = this.opts.typingMaxMs ?? 1500;
    if (max <= 0) return 0;
    return Math.min(max, text.length * (this.opts.typingMsPerChar ?? 30));
  }
}
