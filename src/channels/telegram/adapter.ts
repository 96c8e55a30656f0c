/**
 * The Telegram channel, on telegraf. telegraf does the Bot API calls, the long polling loop and the update
 * dispatch; this file decides what an update means (`update.ts`), runs the turn and sends the replies
 * (`render.ts`) under the one retry policy (`runtime/retry.ts`).
 *
 * Ordering and throughput: messages of one chat are handled one at a time, in order (a queue per chat covers
 * the turn *and* the sending of its replies). telegraf waits for a whole getUpdates batch (`Promise.all`)
 * before it polls again, and a webhook request waits for its handler; so the handler waits only until the
 * turn is stored, at most `acceptWaitMs`, and then lets the next updates in. One slow chat never stalls the
 * others, and an update is confirmed to Telegram only after its turn is stored (unless that takes longer).
 */
import { Agent as HttpAgent, type Server } from 'node:http';
import { Telegraf } from 'telegraf';
import { z } from 'zod';
import type { Collection, Store } from '../../store/store.js';
import type { TelegramConfig } from './config.js';
import type { InboundMessage, Reply, SendReceipt } from '../../kernel/message.js';
import { PlatformApiError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import { KeyedLock } from '../../lib/keyed-lock.js';
import { withRetry, type RetryPolicy } from '../../lib/retry.js';
import type { Channel, ChannelHost, DurableReplies, HttpRouter, PreparedPiece, SendOptions } from '../../kernel/channel.js';
import { CITIZEN_COMMAND_LIST, staffCommandList } from './commands.js';
import { callTelegram, toPlatformError } from './errors.js';
import { renderReplies, type RenderedMessage } from './render.js';
import { ALLOWED_UPDATES, messageRef, parseUpdate, type BotIdentity, type Target } from './update.js';
import { createWebhookServer, UpdateNotKept, webhookHandler } from './webhook.js';
import { prepareCall } from './prepared.js';

/** Webhook mode settings (without them the channel long-polls). */
export interface WebhookOptions {
  /** The public https URL Telegram posts to; its path is the path served. */
  url: string;
  secret: string;
  port: number;
  /** Interface to listen on (all by default). */
  host?: string;
}

/** Options of {@link TelegramChannel}. */
export interface TelegramChannelOptions {
  token: string;
  /** Bot API root: `https://api.telegram.org`, a self-hosted Bot API server, or a fake in tests. */
  apiRoot: string;
  linkPreview: boolean;
  webhook?: WebhookOptions;
  /**
   * The service's HTTP server: in webhook mode the webhook is a route there (one port, one TLS proxy) and
   * `webhook.port` is not used. Without it the channel listens on `webhook.port` itself.
   */
  http?: HttpRouter;
  /** Chats that get the staff commands in their "/" menu (staff ids and the staff group). */
  staffChatIds?: readonly string[];
  /** The staff commands shown there (from the catalogue of staff operations). */
  staffCommands?: readonly { name: string; help: string }[];
  retry?: Partial<RetryPolicy>;
  /** How long an update handler waits for its turn to be stored before letting the next updates in. */
  acceptWaitMs?: number;
  /** How long `stop()` lets replies in flight finish before it cuts their retry waits short. */
  stopGraceMs?: number;
  /**
   * Where an update whose turn is not stored within `acceptWaitMs` is kept before Telegram is told it was
   * received (the webhook's 200, or the next `getUpdates` confirming it): Telegram never resends a confirmed
   * update, so a kept one is replayed at the next start, until its turn is stored.
   */
  store?: Store;
}

/** A webhook update kept until its turn is stored (the raw Update JSON, checked again when replayed). */
const PendingUpdate = z.object({ update: z.record(z.string(), z.unknown()), at: z.string() });
type PendingUpdate = z.infer<typeof PendingUpdate>;

/** How an update's turn was taken: `late` when its turn was not stored within `acceptWaitMs`; `done` when it ends. */
interface Accepted {
  late: boolean;
  done: Promise<void>;
}

/** How long a kept update is replayed at most (Telegram keeps unconfirmed updates 24 hours too). */
const PENDING_UPDATE_TTL_MS = 24 * 3_600_000;


/** The options a configuration gives (webhook mode when TELEGRAM_WEBHOOK_URL is set). */
export function telegramOptions(config: TelegramConfig): TelegramChannelOptions {
  if (!config.TELEGRAM_BOT_TOKEN) throw new Error('TELEGRAM_BOT_TOKEN is not set');
  const webhook =
    config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET
      ? { url: config.TELEGRAM_WEBHOOK_URL, secret: config.TELEGRAM_WEBHOOK_SECRET, port: config.TELEGRAM_WEBHOOK_PORT, host: config.TELEGRAM_WEBHOOK_HOST }
      : undefined;
  return {
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    linkPreview: config.TELEGRAM_LINK_PREVIEW,
    staffChatIds: [...config.STAFF_TELEGRAM_IDS, ...(config.STAFF_TELEGRAM_CHAT_ID ? [config.STAFF_TELEGRAM_CHAT_ID] : [])],
    ...(webhook ? { webhook } : {}),
  };
}

/** Where an answer goes: `<chat id>`, or `<chat id>/<message id>` to thread it to the message in a group. */
function replyAddress(target: Target): string {
  return target.replyTo !== undefined ? `${target.chatId}/${target.replyTo}` : String(target.chatId);
}

/** The chat and threaded message of a reply address (`replyAddress`). @throws on an address not ours */
function parseReplyAddress(address: string): { chatId: number; replyTo?: number } {
  const m = /^(-?\d+)(?:\/(\d+))?$/.exec(address);
  if (!m?.[1]) throw new Error(`not a Telegram reply address: ${address}`);
  return { chatId: Number(m[1]), ...(m[2] ? { replyTo: Number(m[2]) } : {}) };
}

/** Telegram refused a message's HTML (never expected: all text is escaped). */
function isHtmlRefused(err: unknown): boolean {
  return err instanceof PlatformApiError && err.code === 400 && /can't parse entities/i.test(err.description);
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** The Telegram channel. */
export class TelegramChannel implements Channel {
  readonly name = 'telegram';
  /** The telegraf instance (its `telegram` client is usable before `start`). */
  readonly bot: Telegraf;
  private host: ChannelHost | undefined;
  private me: BotIdentity | undefined;
  private readonly chats = new KeyedLock();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();
  private server: Server | undefined;
  private polling: Promise<void> | undefined;
  private stopping = false;
  /** Webhook updates answered before their turn was stored (`TelegramChannelOptions.store`). */
  private readonly pending: Collection<PendingUpdate> | undefined;
  /** Updates of the current webhook requests that could not be kept: their request is answered 503. */
  private readonly notKept = new Set<number>();
  /** The keep-alive agent of an http:// API root (telegraf's own serves https roots). */
  private readonly agent: HttpAgent | undefined;

  constructor(private readonly opts: TelegramChannelOptions) {
    // webhookReply off: telegraf would otherwise answer the first call inside the webhook response, unchecked.
    this.bot = new Telegraf(opts.token, { telegram: { apiRoot: opts.apiRoot, webhookReply: false }, handlerTimeout: 60_000 });
    // telegraf keeps connections open to https roots only; for an http:// root (a self-hosted Bot API server
    // on the host, the soak's fake) each call would connect first: keep those connections open too.
    if (opts.apiRoot.startsWith('http://')) {
      this.agent = new HttpAgent({ keepAlive: true });
      this.bot.telegram.options.agent = this.agent;
    }
    // One handler for everything that escapes: log and keep going (telegraf's default rethrows and stops polling).
    this.bot.catch((err, ctx) => this.log?.error({ err: toPlatformError(err, 'update'), updateId: ctx.update.update_id }, 'telegram update failed'));
    this.bot.use(async (ctx) => void (await this.onUpdate(ctx.update)));
    this.pending = opts.store ? opts.store.collection('telegram_pending_updates', PendingUpdate) : undefined;
  }

  private get log(): Logger | undefined {
    return this.host?.log;
  }

  /** The port the webhook server listens on (after `start` in webhook mode). */
  get webhookPort(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  /** @inheritdoc */
  async start(host: ChannelHost): Promise<void> {
    this.host = host;
    const me = await this.call('getMe', () => this.bot.telegram.getMe());
    this.bot.botInfo = me;
    this.me = { id: me.id, username: me.username };
    await this.registerCommands();
    const webhook = this.opts.webhook;
    if (webhook) {
      await this.startWebhook(webhook, host.log);
    } else {
      this.polling = this.poll();
    }
    host.log.info({ bot: me.username, mode: webhook ? 'webhook' : 'polling' }, 'telegram receiving');
    await this.replayPending();
  }

  /** Handle again the webhook updates a stopped process had answered before their turns were stored. */
  private async replayPending(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    let replayed = 0;
    try {
      for await (const [key, kept] of pending.entries()) {
        replayed += 1;
        const accepted = await this.onUpdate(kept.update);
        // Handled now (or found handled: its turn was stored after all): no longer kept.
        void (accepted?.done ?? Promise.resolve())
          .then(() => pending.delete(key))
          .catch((err: unknown) => this.log?.warn({ err, key }, 'kept update not removed'));
      }
    } catch (err) {
      this.log?.error({ err }, 'kept webhook updates not replayed');
    }
    if (replayed > 0) this.log?.info({ replayed }, 'webhook updates answered before their turn was stored: handled again');
  }

  /** Long polling, relaunched after a failure (409 while another poller runs, 5xx) until stopped; 401 ends it. */
  private async poll(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        await this.bot.launch({ allowedUpdates: [...ALLOWED_UPDATES], dropPendingUpdates: false });
        return;
      } catch (error) {
        const err = toPlatformError(error, 'getUpdates');
        if (this.stopping) return;
        this.log?.error({ err }, 'telegram polling stopped');
        if (err instanceof PlatformApiError && err.code === 401) return;
        await delay(Math.min(60_000, 1000 * 2 ** Math.min(attempt, 6)));
      }
    }
  }

  private async startWebhook(webhook: WebhookOptions, log: Logger): Promise<void> {
    const path = new URL(webhook.url).pathname;
    const options = {
      path,
      secret: webhook.secret,
      onUpdate: async (update: unknown) => {
        // telegraf reads `update_id` before any handler runs: give it objects only (`update.ts` checks the rest).
        if (typeof update !== 'object' || update === null) return;
        await this.bot.handleUpdate(update as Parameters<Telegraf['handleUpdate']>[0]);
        const id = 'update_id' in update && typeof update.update_id === 'number' ? update.update_id : undefined;
        if (id !== undefined && this.notKept.delete(id)) throw new UpdateNotKept(`update ${id} neither handled nor kept`);
      },
      log,
    };
    if (this.opts.http) {
      // A route cannot be taken off a running server: once stopped, it answers 503 so Telegram retries later.
      const handle = webhookHandler(options);
      const route = (req: Request) => (this.stopping ? Promise.resolve(new Response(null, { status: 503 })) : handle(req));
      this.opts.http.route('POST', path, route);
      this.opts.http.route('GET', path, route);
    } else {
      const server = createWebhookServer(options);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(webhook.port, webhook.host, () => resolve());
      });
      this.server = server;
    }
    await this.call('setWebhook', () =>
      this.bot.telegram.setWebhook(webhook.url, {
        secret_token: webhook.secret,
        allowed_updates: [...ALLOWED_UPDATES],
        drop_pending_updates: false,
        max_connections: 40,
      }),
    );
  }

  /** The "/" menu: citizen commands for everyone, plus staff commands in the staff's chats. Best effort. */
  private async registerCommands(): Promise<void> {
    try {
      await this.call('setMyCommands', () => this.bot.telegram.setMyCommands([...CITIZEN_COMMAND_LIST]));
    } catch (err) {
      this.log?.warn({ err }, 'telegram command list not registered');
    }
    const staff = [...CITIZEN_COMMAND_LIST, ...staffCommandList(this.opts.staffCommands ?? [])];
    for (const chatId of this.opts.staffChatIds ?? []) {
      try {
        await this.call('setMyCommands', () => this.bot.telegram.setMyCommands(staff, { scope: { type: 'chat', chat_id: Number(chatId) } }));
      } catch (err) {
        // 400 "chat not found" until that person has opened the bot once.
        this.log?.warn({ err, chat: chatId }, 'staff command list not registered for this chat');
      }
    }
  }

  /**
   * Every update passes here (polling and webhook). Never throws. Updates come at least once (a webhook
   * answered late, a poll whose offset was not confirmed before a crash or a restart): each message carries
   * `<bot id>:<update_id>` as its delivery id, which the turn stores in the same write as the session, so a
   * redelivery of an update whose turn was stored is ignored and one whose turn failed is handled again, in
   * both modes and across restarts. Nothing is claimed before the turn is stored.
   */
  private async onUpdate(raw: unknown): Promise<Accepted | undefined> {
    const host = this.host;
    const me = this.me;
    if (!host || !me) return undefined;
    const incoming = parseUpdate(raw, me);
    // The delivery id makes the turn exactly-once; the reply address lets the runtime deliver its answer
    // durably (stored with the turn, paced, resumed after a crash).
    const delivery = (message: InboundMessage, target: Target): InboundMessage => ({
      ...message,
      id: `${me.id}:${incoming.updateId}`,
      replyAddress: replyAddress(target),
    });
    switch (incoming.kind) {
      case 'ignored':
        host.log.debug({ updateId: incoming.updateId, reason: incoming.reason }, 'telegram update ignored');
        return undefined;
      case 'blocked':
        await this.unreachable(incoming.userKey, 'blocked the bot');
        return undefined;
      case 'button':
        // Answer at once so the button stops spinning; the turn's replies follow as messages.
        await this.call('answerCallbackQuery', () => this.bot.telegram.answerCbQuery(incoming.callbackId)).catch((err: unknown) =>
          host.log.warn({ err }, 'callback query not answered'),
        );
        if (!incoming.message) return undefined;
        return this.keepIfLate(raw, incoming.updateId, await this.accept(incoming.target, delivery(incoming.message, incoming.target)));
      case 'message':
        if (!incoming.person && host.isStaff(incoming.message.userKey)) {
          // A channel or anonymous admin posting as a chat on the allow-list is still not a person.
          host.log.warn({ updateId: incoming.updateId }, 'message sent as a chat ignored (never staff)');
          return undefined;
        }
        return this.keepIfLate(raw, incoming.updateId, await this.accept(incoming.target, delivery(incoming.message, incoming.target)));
    }
  }

  /**
   * Telegram learns the update was received when `accept` returns (the webhook's answer; in polling, the next
   * `getUpdates`); a turn not stored by then is kept in the store until it is (a crash meanwhile replays it
   * at the next start; the delivery id makes the replay harmless if the turn was stored after all). Not even
   * that possible: a webhook request gets 503, and Telegram sends the update again.
   */
  private async keepIfLate(raw: unknown, updateId: number, accepted: Accepted): Promise<Accepted> {
    const pending = this.pending;
    if (!accepted.late || !pending || typeof raw !== 'object' || raw === null) return accepted;
    const key = String(updateId);
    try {
      await pending.set(key, { update: raw as Record<string, unknown>, at: new Date().toISOString() }, PENDING_UPDATE_TTL_MS);
    } catch (err) {
      this.log?.error({ err, updateId }, 'slow turn and the update could not be kept: Telegram will send it again');
      this.notKept.add(updateId);
      return accepted;
    }
    void accepted.done.then(() => pending.delete(key)).catch((err: unknown) => this.log?.warn({ err, updateId }, 'kept update not removed'));
    return accepted;
  }

  /**
   * Queue the turn in its chat; resolve once it is stored or after `acceptWaitMs`, whichever comes first:
   * `late` when the wait ran out, `done` when the turn has ended.
   */
  private async accept(target: Target, message: InboundMessage): Promise<Accepted> {
    const host = this.host;
    if (!host) return { late: false, done: Promise.resolve() };
    let accepted: () => void = () => undefined;
    let stored = false;
    const storedOrFailed = new Promise<void>((resolve) => (accepted = () => {
      stored = true;
      resolve();
    }));
    const task = this.chats.run(String(target.chatId), async () => {
      try {
        const replies = await host.handle(message);
        accepted();
        await this.deliver(target, replies);
      } catch (err) {
        host.log.error({ err, user: message.userKey }, 'telegram turn failed');
      } finally {
        accepted();
      }
    });
    this.track(task);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([storedOrFailed, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.opts.acceptWaitMs ?? 2000)))]);
    clearTimeout(timer);
    return { late: !stored, done: task };
  }

  private track(task: Promise<unknown>): void {
    this.inFlight.add(task);
    const done = () => void this.inFlight.delete(task);
    // Settle-only: the caller handles the task's rejection.
    task.then(done, done);
  }

  /**
   * The durable path (`Channel.durable`): the runtime's paced sender delivers stored answers through this,
   * one message at a time, without retries of its own (it waits out a 429 for the whole channel).
   */
  readonly durable: DurableReplies = {
    pieces: (replies) => renderReplies(replies).length,
    chatOf: (address) => {
      const { chatId } = parseReplyAddress(address);
      // Telegram's group and supergroup ids are negative, private chats positive.
      return { chat: String(chatId), group: chatId < 0 };
    },
    sendPiece: async (address, replies, index) => {
      const { chatId, replyTo } = parseReplyAddress(address);
      const message = renderReplies(replies)[index];
      if (!message) return;
      const task = this.sendMessage(chatId, message, index === 0 ? replyTo : undefined, false);
      this.track(task);
      try {
        await task;
      } catch (err) {
        if (err instanceof PlatformApiError && err.code === 403) this.log?.info({ chat: chatId }, 'telegram chat unreachable');
        throw err;
      }
    },
    prepare: (address, replies, index) => this.preparePiece(address, replies, index),
  };

  /** Send a turn's replies to where the message came from; a failure stops the rest (they follow from it). */
  private async deliver(target: Target, replies: readonly Reply[]): Promise<void> {
    let replyTo = target.replyTo;
    for (const message of renderReplies(replies)) {
      try {
        await this.sendMessage(target.chatId, message, replyTo);
        replyTo = undefined;
      } catch (err) {
        if (err instanceof PlatformApiError && err.code === 403) await this.unreachable(`telegram:${target.chatId}`, err.description);
        else this.log?.error({ err, chat: target.chatId }, 'telegram reply not delivered');
        return;
      }
    }
  }

  /** @inheritdoc */
  async send(userKey: string, replies: readonly Reply[], opts: SendOptions = {}): Promise<SendReceipt[]> {
    const m = /^telegram:(-?\d+)$/.exec(userKey);
    if (!m?.[1]) throw new Error(`not a Telegram user key: ${userKey}`);
    const chatId = Number(m[1]);
    const task = this.chats.run(m[1], async () => {
      const receipts: SendReceipt[] = [];
      for (const message of renderReplies(replies)) {
        try {
          const id = await this.sendMessage(chatId, message, undefined, opts.retry ?? true);
          receipts.push({ messageRef: messageRef(chatId, id) });
        } catch (err) {
          if (err instanceof PlatformApiError && err.code === 403) await this.unreachable(userKey, err.description);
          throw err;
        }
      }
      return receipts;
    });
    this.track(task);
    return task;
  }

  /** sendMessage's options besides the text (link previews, buttons, the message answered). */
  private messageExtra(message: RenderedMessage, replyTo?: number) {
    return {
      ...(this.opts.linkPreview ? {} : { link_preview_options: { is_disabled: true } }),
      ...(message.keyboard ? { reply_markup: message.keyboard } : {}),
      ...(replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
    };
  }

  /** One sendMessage under the retry policy; HTML refused (never expected: all text is escaped) → plain text. */
  private async sendMessage(chatId: number, message: RenderedMessage, replyTo?: number, retry = true): Promise<number> {
    const extra = this.messageExtra(message, replyTo);
    try {
      const sent = await this.call('sendMessage', () => this.bot.telegram.sendMessage(chatId, message.html, { ...extra, parse_mode: 'HTML' }), retry);
      return sent.message_id;
    } catch (err) {
      if (!isHtmlRefused(err)) throw err;
      return this.sendPlain(chatId, message, replyTo, retry, err);
    }
  }

  /** The fallback of a message whose HTML Telegram refused: its plain text. */
  private async sendPlain(chatId: number, message: RenderedMessage, replyTo: number | undefined, retry: boolean, err: unknown): Promise<number> {
    this.log?.error({ err, chat: chatId }, 'telegram refused our HTML; sent as plain text');
    const sent = await this.call('sendMessage', () => this.bot.telegram.sendMessage(chatId, message.text, this.messageExtra(message, replyTo)), retry);
    return sent.message_id;
  }

  /**
   * Piece `index` made ready to leave (`DurableReplies.prepare`): connected, headers written, the body held
   * back until `send`, which writes it at once. Sent like `durable.sendPiece` (no retry, HTML fallback).
   */
  private async preparePiece(address: string, replies: readonly Reply[], index: number): Promise<PreparedPiece> {
    const { chatId, replyTo } = parseReplyAddress(address);
    const message = renderReplies(replies)[index];
    if (!message) return { send: () => Promise.resolve(), cancel: () => undefined };
    const quoted = index === 0 ? replyTo : undefined;
    const payload = { chat_id: chatId, text: message.html, ...this.messageExtra(message, quoted), parse_mode: 'HTML' };
    const call = await callTelegram('sendMessage', () =>
      prepareCall({ apiRoot: this.opts.apiRoot, token: this.opts.token, method: 'sendMessage', payload, agent: this.bot.telegram.options.agent }),
    );
    const outcome = async (answered: Promise<unknown>): Promise<void> => {
      try {
        await answered;
      } catch (err) {
        if (isHtmlRefused(err)) return void (await this.sendPlain(chatId, message, quoted, false, err));
        if (err instanceof PlatformApiError && err.code === 403) this.log?.info({ chat: chatId }, 'telegram chat unreachable');
        throw err;
      }
    };
    return {
      send: () => {
        // `call.send()` writes the body before anything is awaited.
        const task = outcome(call.send());
        this.track(task);
        return task;
      },
      cancel: () => call.cancel(),
    };
  }

  /** A Bot API call with telegraf errors mapped and the retry policy applied. */
  private call<T>(method: string, fn: () => Promise<T>, retry = true): Promise<T> {
    if (!retry) return callTelegram(method, fn);
    return withRetry(() => callTelegram(method, fn), {
      ...(this.opts.retry ? { policy: this.opts.retry } : {}),
      signal: this.abort.signal,
      onRetry: (err, attempt, delayMs) => this.log?.warn({ err, method, attempt, delayMs }, 'telegram call retried'),
    });
  }

  private async unreachable(userKey: string, reason: string): Promise<void> {
    try {
      await this.host?.markUnreachable(userKey, reason);
      this.log?.info({ user: userKey }, 'telegram user unreachable: unsubscribed');
    } catch (err) {
      this.log?.error({ err, user: userKey }, 'could not mark a telegram user unreachable');
    }
  }

  /** @inheritdoc */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.server) {
      const server = this.server;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    }
    if (this.polling) {
      try {
        this.bot.stop('shutdown');
      } catch {
        // Not running (the poller was between relaunches).
      }
      await this.polling;
    }
    // Let replies in flight finish; then cut retry waits short (a 429 of minutes must not hold a shutdown).
    const pending = Promise.allSettled([...this.inFlight]);
    await Promise.race([pending, delay(this.opts.stopGraceMs ?? 5000)]);
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
    this.agent?.destroy();
  }
}
