/**
 * A fake Telegram Bot API server on 127.0.0.1 (node:http, random port) for driving the real telegraf client.
 *
 * - Methods: getMe, getUpdates (long poll capped at `maxPollMs`, feeds queued updates, confirms by offset,
 *   409 while a webhook is set or when a newer poll replaces an older one), sendMessage, editMessageText,
 *   answerCallbackQuery, setMyCommands, setWebhook, deleteWebhook, getFile. Anything else: 404.
 * - sendMessage is checked as Telegram does: HTML parsed strictly (unknown tags, unescaped `<`, `>` or `&`,
 *   unclosed tags → 400 "can't parse entities"), visible text ≤ 4096 UTF-16 units, not empty.
 * - Rate limits (off unless given): token buckets, global and per chat, answering 429 with
 *   `parameters.retry_after` (whole seconds, at least 1). A client that retries before `retry_after` gets
 *   another 429, so a test can see whether it waited.
 * - Blocked chats answer 403 "Forbidden: bot was blocked by the user".
 * - Every call is recorded with its parameters and the status answered. O(1) per call, so a broadcast test
 *   can push thousands of messages through it.
 * - Webhook delivery (off unless `webhookDelivery` is given): once the bot calls setWebhook, queued updates are
 *   POSTed to a loopback target (the registered URL's path kept) with the secret header, as the Bot API server
 *   does (tdlib/telegram-bot-api, WebhookActor): updates of one chat one at a time and in order, other chats in
 *   parallel up to `max_connections`; an update leaves the queue only when its request got 200, anything else
 *   (an error status, a refused or reset connection, no answer in time) sends it again later, waiting longer
 *   after each failure of that update. Several targets are served round robin (a load balancer in front of
 *   several instances).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Sending limits enforced by the fake. */
export interface RateLimits {
  /** Messages per second over all chats (Telegram: about 30). */
  globalPerSecond: number;
  globalBurst?: number;
  /** Messages per second to one chat (Telegram: about 1). */
  perChatPerSecond: number;
  perChatBurst?: number;
}

/** Options of {@link FakeTelegram.start}. */
export interface FakeTelegramOptions {
  token?: string;
  bot?: { id: number; username: string; first_name: string };
  /** Longest wait of one getUpdates, whatever `timeout` the client asks (telegraf asks 50 s). */
  maxPollMs?: number;
  limits?: RateLimits;
  blocked?: Iterable<number>;
  /** POST updates to the webhook once one is set (else a set webhook only makes getUpdates answer 409). */
  webhookDelivery?: WebhookDelivery;
}

/** How the fake delivers updates to a webhook. */
export interface WebhookDelivery {
  /**
   * Where the POSTs go instead of the registered (public https) URL: loopback bases such as
   * `http://127.0.0.1:8080`; the registered URL's path and query are appended. Several: round robin per request.
   */
  targets: string[];
  /** Wait before the first resend of a failed update (doubling per failure of it, up to `retryMaxMs`). Default 250. */
  retryMinMs?: number;
  /** Longest wait between resends (Telegram: 60 s). Default 2000. */
  retryMaxMs?: number;
  /** How long a request may go unanswered before it counts as failed. Default 10000. */
  timeoutMs?: number;
  /**
   * Whether to treat the 200 of this request as lost (the answer never reached Telegram), so the update is sent
   * again: a replayed delivery. Called once per successful request.
   */
  loseAnswer?: (updateId: number) => boolean;
}

/** One webhook request the fake made. */
export interface WebhookPost {
  updateId: number;
  target: string;
  /** HTTP status answered, absent when the request failed (refused, reset, timed out). */
  status?: number;
  error?: string;
  /** A 200 the fake treated as lost (`loseAnswer`). */
  lost?: boolean;
  at: number;
  ms: number;
}

/** One recorded API call. */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  /** HTTP status answered (200, 400, 403, 409, 429 …). */
  status: number;
  description?: string;
  at: number;
}

/** A text entity as the fake derived it from the HTML. */
export interface Entity {
  type: string;
  offset: number;
  length: number;
}

/** A message the bot sent (or edited), as the user would see it. */
export interface SentMessage {
  chatId: number;
  messageId: number;
  /** Visible text (HTML parsed). */
  text: string;
  entities: Entity[];
  params: Record<string, unknown>;
  at: number;
}

type ApiError = { error_code: number; description: string; parameters?: { retry_after?: number } };
type Result = { ok: true; result: unknown } | ({ ok: false } & ApiError);

/** A valid-looking token for tests. */
export const FAKE_TOKEN = '123456789:AAFakeTokenForTestsOnly_abcdefghijklmno';

const TAGS: Readonly<Record<string, string>> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  span: 'spoiler',
  'tg-spoiler': 'spoiler',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** Parse Telegram HTML the strict way; returns the visible text and entities, or the 400 description. */
export function parseTelegramHtml(html: string): { text: string; entities: Entity[] } | { error: string } {
  const tag = /<(\/?)([a-zA-Z][a-zA-Z-]*)((?:\s+[a-zA-Z_-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*>/y;
  const entity = /&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/y;
  let text = '';
  const stack: { name: string; offset: number }[] = [];
  const entities: Entity[] = [];
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === '<') {
      tag.lastIndex = i;
      const m = tag.exec(html);
      const name = m?.[2]?.toLowerCase();
      if (!m || !name || !(name in TAGS)) return { error: `Bad Request: can't parse entities: Unsupported start tag at byte offset ${i}` };
      if (m[1] === '/') {
        const open = stack.pop();
        if (!open || open.name !== name) return { error: `Bad Request: can't parse entities: Unmatched end tag at byte offset ${i}, expected "</${open?.name ?? ''}>", found "</${name}>"` };
        entities.push({ type: TAGS[name] ?? name, offset: open.offset, length: text.length - open.offset });
      } else {
        stack.push({ name, offset: text.length });
      }
      i += m[0].length;
    } else if (c === '&') {
      entity.lastIndex = i;
      const m = entity.exec(html);
      if (!m?.[1]) return { error: `Bad Request: can't parse entities: Character '&' is reserved and must be escaped at byte offset ${i}` };
      const name = m[1];
      text += NAMED[name] ?? String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
      i += m[0].length;
    } else if (c === '>') {
      return { error: `Bad Request: can't parse entities: Character '>' is reserved and must be escaped at byte offset ${i}` };
    } else {
      text += c;
      i += 1;
    }
  }
  const open = stack.pop();
  if (open) return { error: `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${open.name}"` };
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}

/** A token bucket: `rate` per second, holding at most `burst`. */
class Bucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }
  /** Seconds until a token is free (0: free now). */
  wait(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    return this.tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - this.tokens) / this.rate));
  }
  take(): void {
    this.tokens -= 1;
  }
}

interface Poll {
  offset: number;
  limit: number;
  respond(result: Result): void;
}

/** The fake server. Create with {@link FakeTelegram.start}; `close()` in afterEach. */
export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  readonly sent: SentMessage[] = [];
  readonly token: string;
  readonly botUser: { id: number; username: string; first_name: string };
  /** setMyCommands calls: scope (JSON) → commands. */
  readonly commands = new Map<string, { command: string; description: string }[]>();
  webhook: { url: string; secret_token?: string; allowed_updates?: unknown } | undefined;
  /** setWebhook's `max_connections` (Telegram's default 40): parallel webhook requests at most. */
  private hookConnections = 40;
  private readonly blocked: Set<number>;
  private readonly byChat = new Map<number, SentMessage[]>();
  private readonly queue: Record<string, unknown>[] = [];
  private readonly delivered = new WeakSet<object>();
  private nextUpdateId = 100_000;
  private nextMessageId = 1;
  private poll: Poll | undefined;
  private limits: RateLimits | undefined;
  private global: Bucket | undefined;
  private readonly chatBuckets = new Map<number, Bucket>();
  private readonly failures = new Map<string, ApiError[]>();
  private readonly listeners = new Set<() => void>();
  private readonly maxPollMs: number;
  /** Webhook requests made (only with `webhookDelivery`). */
  readonly webhookPosts: WebhookPost[] = [];
  private delivery: WebhookDelivery | undefined;
  private readonly hookBusy = new Set<number>();
  private readonly hookRetry = new WeakMap<object, { at: number; fails: number }>();
  private readonly hookAbort = new AbortController();
  private hookTimer: NodeJS.Timeout | undefined;
  private hookRound = 0;
  private closed = false;

  private constructor(
    private readonly server: Server,
    opts: FakeTelegramOptions,
  ) {
    this.token = opts.token ?? FAKE_TOKEN;
    this.botUser = opts.bot ?? { id: 7_000_000_001, username: 'tabanan_layanan_bot', first_name: 'Layanan DPMPTSP Tabanan' };
    this.blocked = new Set(opts.blocked ?? []);
    this.maxPollMs = opts.maxPollMs ?? 100;
    this.setLimits(opts.limits);
    this.delivery = opts.webhookDelivery;
  }

  /** Start a fake on 127.0.0.1, random port. */
  static async start(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const holder: { fake?: FakeTelegram } = {};
    const server = createServer((req, res) => {
      if (holder.fake) void holder.fake.onRequest(req, res);
    });
    // Telegram keeps the bot's connections open. Node's client drops a connection 1 s before the server's
    // keep-alive hint, so a 1 s hint (this fake's before) meant a new connection for every call.
    server.keepAliveTimeout = 5000;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    holder.fake = new FakeTelegram(server, opts);
    return holder.fake;
  }

  /** The API root to give telegraf (`telegram: { apiRoot }`). */
  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Replace the rate limits (undefined: none). */
  setLimits(limits: RateLimits | undefined): void {
    this.limits = limits;
    this.global = limits ? new Bucket(limits.globalPerSecond, limits.globalBurst ?? limits.globalPerSecond, Date.now()) : undefined;
    this.chatBuckets.clear();
  }

  /** Replace how updates are delivered to a set webhook (undefined: not at all); takes effect at once. */
  setWebhookDelivery(delivery: WebhookDelivery | undefined): void {
    this.delivery = delivery;
    this.pumpWebhook();
  }

  /** Updates not yet confirmed (polling: by a later offset; webhook: by a 200). */
  get pendingUpdates(): number {
    return this.queue.length;
  }

  /** Chat ids answering 403 from now on. */
  block(...chatIds: number[]): void {
    for (const id of chatIds) this.blocked.add(id);
  }

  /** The next `method` call(s) fail with `error` (one entry a call). */
  failNext(method: string, ...errors: ApiError[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...errors]);
  }

  /** Queue an update for getUpdates; `update_id` is assigned when absent. Returns the update id. */
  pushUpdate(update: Record<string, unknown>): number {
    const id = typeof update.update_id === 'number' ? update.update_id : this.nextUpdateId++;
    this.nextUpdateId = Math.max(this.nextUpdateId, id + 1);
    this.queue.push({ ...update, update_id: id });
    this.flushPoll();
    this.pumpWebhook();
    return id;
  }

  /** Messages sent to `chatId` (visible text), in order. */
  sentTo(chatId: number): SentMessage[] {
    return this.byChat.get(chatId) ?? [];
  }

  /** Calls of `method`. */
  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolve with `probe()`'s first non-undefined value, re-checked after every call; reject after `timeoutMs`. */
  waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined || value === false) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Telegram: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Wait until `chatId` has received `count` messages; resolves with them. */
  waitForSent(chatId: number, count: number, timeoutMs = 5000): Promise<SentMessage[]> {
    return this.waitFor(() => (this.sentTo(chatId).length >= count ? this.sentTo(chatId) : undefined), timeoutMs);
  }

  /** Stop the server and end pending polls. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.hookTimer);
    this.hookAbort.abort();
    this.poll?.respond({ ok: true, result: [] });
    this.poll = undefined;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec((req.url ?? '').split('?')[0] ?? '');
    let params: Record<string, unknown> = {};
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
      const body = Buffer.concat(chunks).toString('utf8');
      if (body) params = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return this.reply(res, 'unknown', params, { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' });
    }
    if (!m || m[1] !== this.token) return this.reply(res, m?.[2] ?? 'unknown', params, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = m[2] ?? '';
    const injected = this.failures.get(method)?.shift();
    if (injected) return this.reply(res, method, params, { ok: false, ...injected });
    if (method === 'getUpdates') return this.getUpdates(res, params);
    this.reply(res, method, params, this.dispatch(method, params));
  }

  private reply(res: ServerResponse, method: string, params: Record<string, unknown>, result: Result): void {
    const status = result.ok ? 200 : result.error_code;
    this.calls.push({ method, params, status, ...(result.ok ? {} : { description: result.description }), at: Date.now() });
    if (!res.writableEnded) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    this.notify();
  }

  private getUpdates(res: ServerResponse, params: Record<string, unknown>): void {
    if (this.webhook) {
      return this.reply(res, 'getUpdates', params, {
        ok: false,
        error_code: 409,
        description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      });
    }
    // A newer poll ends the older one, as on Telegram (two pollers on one token see 409s).
    this.poll?.respond({ ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' });
    const offset = typeof params.offset === 'number' ? params.offset : 0;
    const limit = typeof params.limit === 'number' ? params.limit : 100;
    const timeout = typeof params.timeout === 'number' ? params.timeout : 0;
    // Offsets confirm: updates below it are gone for good.
    // (A re-queued old id, a simulated redelivery, is confirmed only once it has been delivered again.)
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const u = this.queue[i];
      if (u && (u.update_id as number) < offset && this.delivered.has(u)) this.queue.splice(i, 1);
    }
    const wait: { timer?: NodeJS.Timeout } = {};
    const poll: Poll = {
      offset,
      limit,
      respond: (result) => {
        clearTimeout(wait.timer);
        if (this.poll === poll) this.poll = undefined;
        this.reply(res, 'getUpdates', params, result);
      },
    };
    if (this.queue.length > 0 || timeout <= 0) return poll.respond({ ok: true, result: this.take(limit) });
    this.poll = poll;
    wait.timer = setTimeout(() => poll.respond({ ok: true, result: [] }), Math.min(timeout * 1000, this.maxPollMs));
    // The client gave up (telegraf aborts its poll on stop): forget the poll.
    res.once('close', () => {
      clearTimeout(wait.timer);
      if (this.poll === poll) this.poll = undefined;
    });
  }

  /**
   * Start the webhook requests that may start now: for each chat its oldest queued update when none of that
   * chat is in flight and its resend wait is over, up to `max_connections` at once; wake up for the next wait.
   */
  private pumpWebhook(): void {
    const delivery = this.delivery;
    const hook = this.webhook;
    if (!delivery || !hook || this.closed || delivery.targets.length === 0) return;
    clearTimeout(this.hookTimer);
    const now = Date.now();
    const max = this.hookConnections;
    const seen = new Set<number>();
    let wake = Number.POSITIVE_INFINITY;
    for (const update of this.queue) {
      if (this.hookBusy.size >= max) break;
      const chat = chatOf(update);
      if (seen.has(chat)) continue;
      seen.add(chat);
      if (this.hookBusy.has(chat)) continue;
      const retry = this.hookRetry.get(update);
      if (retry && retry.at > now) {
        wake = Math.min(wake, retry.at);
        continue;
      }
      void this.postUpdate(update, chat, delivery, hook);
    }
    if (wake !== Number.POSITIVE_INFINITY) {
      this.hookTimer = setTimeout(() => this.pumpWebhook(), Math.max(1, wake - now));
      this.hookTimer.unref();
    }
  }

  private async postUpdate(update: Record<string, unknown>, chat: number, delivery: WebhookDelivery, hook: { url: string; secret_token?: string }): Promise<void> {
    this.hookBusy.add(chat);
    const target = delivery.targets[this.hookRound++ % delivery.targets.length] ?? '';
    const registered = new URL(hook.url);
    const started = Date.now();
    const updateId = update.update_id as number;
    let status: number | undefined;
    let error: string | undefined;
    try {
      const res = await fetch(`${target.replace(/\/$/, '')}${registered.pathname}${registered.search}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(hook.secret_token ? { 'x-telegram-bot-api-secret-token': hook.secret_token } : {}) },
        body: JSON.stringify(update),
        signal: AbortSignal.any([this.hookAbort.signal, AbortSignal.timeout(delivery.timeoutMs ?? 10_000)]),
      });
      await res.arrayBuffer().catch(() => undefined);
      status = res.status;
    } catch (err) {
      error = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    }
    this.hookBusy.delete(chat);
    if (this.closed) return;
    const lost = status === 200 && (delivery.loseAnswer?.(updateId) ?? false);
    this.webhookPosts.push({ updateId, target, ...(status !== undefined ? { status } : {}), ...(error ? { error } : {}), ...(lost ? { lost } : {}), at: started, ms: Date.now() - started });
    if (status === 200 && !lost) {
      const i = this.queue.indexOf(update);
      if (i >= 0) this.queue.splice(i, 1);
    } else if (lost) {
      // Telegram never saw the answer: the same update comes again, at once.
      this.hookRetry.set(update, { at: 0, fails: this.hookRetry.get(update)?.fails ?? 0 });
    } else {
      const fails = (this.hookRetry.get(update)?.fails ?? 0) + 1;
      const wait = Math.min(delivery.retryMaxMs ?? 2000, (delivery.retryMinMs ?? 250) * 2 ** (fails - 1));
      this.hookRetry.set(update, { at: Date.now() + wait, fails });
    }
    this.notify();
    this.pumpWebhook();
  }

  private flushPoll(): void {
    const poll = this.poll;
    if (poll && this.queue.length > 0) poll.respond({ ok: true, result: this.take(poll.limit) });
  }

  private take(limit: number): Record<string, unknown>[] {
    const batch = this.queue.slice(0, limit);
    for (const u of batch) this.delivered.add(u);
    return batch;
  }

  private dispatch(method: string, p: Record<string, unknown>): Result {
    switch (method) {
      case 'getMe':
        return { ok: true, result: { ...this.botUser, is_bot: true, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } };
      case 'sendMessage':
        return this.sendMessage(p);
      case 'editMessageText':
        return this.editMessageText(p);
      case 'answerCallbackQuery':
        return typeof p.callback_query_id === 'string' ? { ok: true, result: true } : bad('Bad Request: query is too old and response timeout expired or query ID is invalid');
      case 'setMyCommands':
        if (!Array.isArray(p.commands)) return bad('Bad Request: commands must be an array');
        this.commands.set(JSON.stringify(p.scope ?? { type: 'default' }), p.commands as { command: string; description: string }[]);
        return { ok: true, result: true };
      case 'setWebhook':
        if (typeof p.url !== 'string') return bad('Bad Request: bad webhook: URL must be provided');
        this.webhook = { url: p.url, ...(typeof p.secret_token === 'string' ? { secret_token: p.secret_token } : {}), allowed_updates: p.allowed_updates };
        this.hookConnections = typeof p.max_connections === 'number' ? p.max_connections : 40;
        if (p.drop_pending_updates === true) this.queue.length = 0;
        setImmediate(() => this.pumpWebhook());
        return { ok: true, result: true };
      case 'deleteWebhook':
        this.webhook = undefined;
        if (p.drop_pending_updates === true) this.queue.length = 0;
        return { ok: true, result: true };
      case 'getFile':
        return typeof p.file_id === 'string'
          ? { ok: true, result: { file_id: p.file_id, file_unique_id: `u${p.file_id}`, file_size: 1024, file_path: `documents/${p.file_id}` } }
          : bad('Bad Request: invalid file_id');
      default:
        return { ok: false, error_code: 404, description: 'Not Found: method not found' };
    }
  }

  /** Blocked → 403; rate limits → 429; then the text checks. */
  private gate(chatId: number): Result | undefined {
    if (this.blocked.has(chatId)) return { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' };
    if (!this.limits || !this.global) return undefined;
    const now = Date.now();
    let chat = this.chatBuckets.get(chatId);
    if (!chat) {
      chat = new Bucket(this.limits.perChatPerSecond, this.limits.perChatBurst ?? 1, now);
      this.chatBuckets.set(chatId, chat);
    }
    const wait = Math.max(this.global.wait(now), chat.wait(now));
    if (wait > 0) return { ok: false, error_code: 429, description: `Too Many Requests: retry after ${wait}`, parameters: { retry_after: wait } };
    this.global.take();
    chat.take();
    return undefined;
  }

  private visible(p: Record<string, unknown>): { text: string; entities: Entity[] } | Result {
    if (typeof p.text !== 'string') return bad('Bad Request: message text is empty');
    const parsed = p.parse_mode === 'HTML' ? parseTelegramHtml(p.text) : { text: p.text, entities: [] };
    if ('error' in parsed) return bad(parsed.error);
    if (parsed.text.trim() === '') return bad('Bad Request: message text is empty');
    if (parsed.text.length > 4096) return bad('Bad Request: message is too long');
    return parsed;
  }

  private sendMessage(p: Record<string, unknown>): Result {
    const chatId = Number(p.chat_id);
    if (!Number.isSafeInteger(chatId)) return bad('Bad Request: chat not found');
    const gate = this.gate(chatId);
    if (gate) return gate;
    const visible = this.visible(p);
    if ('ok' in visible) return visible;
    const message: SentMessage = { chatId, messageId: this.nextMessageId++, text: visible.text, entities: visible.entities, params: p, at: Date.now() };
    this.sent.push(message);
    let list = this.byChat.get(chatId);
    if (!list) this.byChat.set(chatId, (list = []));
    list.push(message);
    return { ok: true, result: this.messageJson(message) };
  }

  private editMessageText(p: Record<string, unknown>): Result {
    const chatId = Number(p.chat_id);
    const existing = this.sentTo(chatId).find((m) => m.messageId === p.message_id);
    if (!existing) return bad('Bad Request: message to edit not found');
    const visible = this.visible(p);
    if ('ok' in visible) return visible;
    if (visible.text === existing.text) return bad('Bad Request: message is not modified');
    existing.text = visible.text;
    existing.entities = visible.entities;
    existing.params = p;
    return { ok: true, result: this.messageJson(existing) };
  }

  private messageJson(m: SentMessage): Record<string, unknown> {
    return {
      message_id: m.messageId,
      date: Math.floor(m.at / 1000),
      chat: m.chatId > 0 ? { id: m.chatId, type: 'private', first_name: 'Warga' } : { id: m.chatId, type: 'supergroup', title: 'Grup' },
      from: { id: this.botUser.id, is_bot: true, first_name: this.botUser.first_name, username: this.botUser.username },
      text: m.text,
      ...(m.entities.length > 0 ? { entities: m.entities } : {}),
    };
  }
}

/** The chat an update belongs to (its queue on the Bot API server); updates without one get a queue each. */
function chatOf(update: Record<string, unknown>): number {
  const u = update as {
    update_id: number;
    message?: { chat?: { id?: number } };
    edited_message?: { chat?: { id?: number } };
    callback_query?: { from?: { id?: number }; message?: { chat?: { id?: number } } };
    my_chat_member?: { chat?: { id?: number } };
  };
  const id =
    u.message?.chat?.id ?? u.edited_message?.chat?.id ?? u.callback_query?.message?.chat?.id ?? u.callback_query?.from?.id ?? u.my_chat_member?.chat?.id;
  return typeof id === 'number' ? id : -1e15 - u.update_id;
}

function bad(description: string): Result {
  return { ok: false, error_code: 400, description };
}
