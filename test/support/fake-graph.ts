/**
 * A fake WhatsApp Cloud API (Graph) on 127.0.0.1 (node:http, random port), for driving the real
 * WhatsAppCloudChannel, plus the other half of the platform: it POSTs signed webhooks to the bot.
 *
 * - `POST /<version>/<phone-number-id>/messages`: checks the bearer token (401 / code 190), the shape of
 *   text, interactive (≤3 buttons, ≤10 rows, title lengths) and template messages, the 24-hour window (free
 *   text to someone whose last message it delivered is older than 24 h → 131047), the per-number rate
 *   (130429) and the per-person rate (131056) when limits are set; answers `{messages:[{id:"wamid.…"}]}`.
 * - `GET /<version>/<media-id>`: a short-lived URL.
 * - Errors can be injected (`failNext`), every call is recorded with its answer and time.
 * - Webhooks: `message()` / `deliver()` sign the raw body with the app secret as Meta does; `autoStatus`
 *   posts `sent` and `delivered` statuses for each accepted message, batched like Meta's.
 */
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded Graph call. */
export interface GraphCall {
  method: 'GET' | 'POST';
  path: string;
  body: Record<string, unknown>;
  /** HTTP status answered. */
  status: number;
  /** Graph error code answered, if any. */
  code?: number;
  /** The recipient (`to`, else `recipient`). */
  to?: string;
  /** wamid answered. */
  id?: string;
  at: number;
}

/** An error to answer (HTTP status and Graph code). */
export interface InjectedError {
  status: number;
  code: number;
  message?: string;
  retryAfter?: number;
}

/** Limits the fake enforces (off unless given). */
export interface GraphLimits {
  perSecond: number;
  /** Messages to one person per `pairWindowMs` (Meta: a burst, then about one per 6 s). */
  perPerson?: number;
  pairWindowMs?: number;
}

/** Options of {@link FakeGraph.start}. */
export interface FakeGraphOptions {
  token?: string;
  phoneNumberId?: string;
  limits?: GraphLimits;
  /** Enforce the 24-hour window from the messages this fake delivered (default true). */
  enforceWindow?: boolean;
}

/** Who writes to the bot: a phone number (`wa_id`), a business-scoped id, or both. */
export interface WaPerson {
  waId?: string;
  userId?: string;
  name?: string;
}

/** A valid-looking token for tests. */
export const FAKE_GRAPH_TOKEN = 'EAAG-fake-system-user-token-for-tests-only';

/** The fake. Create with {@link FakeGraph.start}; `close()` in afterEach. */
export class FakeGraph {
  readonly calls: GraphCall[] = [];
  readonly token: string;
  readonly phoneNumberId: string;
  /** Post `sent` and `delivered` statuses for every accepted message. */
  autoStatus = false;
  private webhook: { url: string; secret: string } | undefined;
  private readonly failures: InjectedError[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly lastInbound = new Map<string, number>();
  private readonly starts: number[] = [];
  private readonly perPerson = new Map<string, number[]>();
  private readonly pendingStatuses: Record<string, unknown>[] = [];
  private statusTimer: NodeJS.Timeout | undefined;
  private readonly webhookPosts = new Set<Promise<unknown>>();
  private nextId = 1;
  private limits: GraphLimits | undefined;
  private readonly enforceWindow: boolean;

  private constructor(
    private readonly server: Server,
    opts: FakeGraphOptions,
  ) {
    this.token = opts.token ?? FAKE_GRAPH_TOKEN;
    this.phoneNumberId = opts.phoneNumberId ?? '109876543210987';
    this.limits = opts.limits;
    this.enforceWindow = opts.enforceWindow ?? true;
  }

  /** Start on 127.0.0.1, random port. */
  static async start(opts: FakeGraphOptions = {}): Promise<FakeGraph> {
    const holder: { fake?: FakeGraph } = {};
    const server = createServer((req, res) => {
      if (holder.fake) void holder.fake.onRequest(req, res);
    });
    server.keepAliveTimeout = 1000;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    holder.fake = new FakeGraph(server, opts);
    return holder.fake;
  }

  /** The API root to configure (`WHATSAPP_CLOUD_API_ROOT`). */
  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v24.0`;
  }

  /** Where to POST webhooks, and the app secret to sign them with. */
  connect(url: string, secret: string): void {
    this.webhook = { url, secret };
  }

  setLimits(limits: GraphLimits | undefined): void {
    this.limits = limits;
  }

  /** The next send(s) fail with these errors, one a call. */
  failNext(...errors: InjectedError[]): void {
    this.failures.push(...errors);
  }

  /** Pretend `to` last wrote `ms` ago (the 24-hour window the fake enforces). */
  lastWrote(to: string, msAgo: number): void {
    this.lastInbound.set(to, Date.now() - msAgo);
  }

  /** Sends of messages (POST …/messages). */
  sends(): GraphCall[] {
    return this.calls.filter((c) => c.method === 'POST');
  }

  /** Accepted messages to `to` (phone number or business-scoped id), in order. */
  sentTo(to: string): GraphCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.status === 200 && c.to === to);
  }

  /** What a person sees of a sent message: its text, an interactive body, or a template's parameter. */
  static textOf(call: GraphCall): string {
    const b = call.body as { type?: string; text?: { body?: string }; interactive?: { body?: { text?: string } }; template?: { components?: { parameters?: { text?: string }[] }[] } };
    if (b.type === 'text') return b.text?.body ?? '';
    if (b.type === 'interactive') return b.interactive?.body?.text ?? '';
    if (b.type === 'template') return b.template?.components?.[0]?.parameters?.[0]?.text ?? '';
    return '';
  }

  /** Resolve with `probe()`'s first defined value, re-checked after every call; reject after `timeoutMs`. */
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
        reject(new Error(`fake Graph: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Wait until `to` has `count` accepted messages. */
  waitForSent(to: string, count: number, timeoutMs = 5000): Promise<GraphCall[]> {
    return this.waitFor(() => (this.sentTo(to).length >= count ? this.sentTo(to) : undefined), timeoutMs);
  }

  /**
   * The webhook body of a message from `from` (`text`, or any message fields such as `interactive`), as Meta
   * sends it; `at` is its timestamp (the 24-hour window counts from it).
   */
  messageBody(from: WaPerson, content: string | Record<string, unknown>, opts: { id?: string; at?: Date } = {}): Record<string, unknown> {
    const id = opts.id ?? `wamid.IN${String(this.nextId++).padStart(8, '0')}`;
    const at = opts.at ?? new Date();
    const fields = typeof content === 'string' ? { type: 'text', text: { body: content } } : content;
    const key = from.userId ?? from.waId ?? '';
    this.lastInbound.set(key, at.getTime());
    if (from.waId) this.lastInbound.set(from.waId, at.getTime());
    return this.envelope({
      contacts: [{ profile: { name: from.name ?? 'Warga' }, ...(from.waId ? { wa_id: from.waId } : {}), ...(from.userId ? { user_id: from.userId } : {}) }],
      messages: [{ ...(from.waId ? { from: from.waId } : {}), ...(from.userId ? { from_user_id: from.userId } : {}), id, timestamp: String(Math.floor(at.getTime() / 1000)), ...fields }],
    });
  }

  /** POST a message webhook; resolves with the bot's HTTP status and the message id. */
  async message(from: WaPerson, content: string | Record<string, unknown>, opts: { id?: string; at?: Date } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
    const body = this.messageBody(from, content, opts);
    return { status: await this.deliver(body), body };
  }

  /** POST a body as Meta does (signed with the app secret unless `signature` is given). Resolves with the HTTP status. */
  async deliver(body: unknown, signature?: string | null): Promise<number> {
    const hook = this.webhook;
    if (!hook) throw new Error('fake Graph: connect() the webhook first');
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const sig = signature === undefined ? `sha256=${createHmac('sha256', hook.secret).update(raw).digest('hex')}` : signature;
    const res = await fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(sig !== null ? { 'x-hub-signature-256': sig } : {}) }, body: raw });
    await res.text();
    return res.status;
  }

  /** Post one status of message `id` (with Graph error codes for `failed`). */
  async status(id: string, status: 'sent' | 'delivered' | 'read' | 'failed', codes: number[] = []): Promise<number> {
    const call = this.calls.find((c) => c.id === id);
    return this.deliver(this.envelope({ statuses: [this.statusJson(id, status, call?.to, codes)] }));
  }

  /** Resolves once every webhook the fake started (auto statuses) has been answered. */
  async settled(): Promise<void> {
    while (this.pendingStatuses.length > 0 || this.statusTimer || this.webhookPosts.size > 0) {
      if (this.statusTimer) await new Promise((r) => setTimeout(r, 60));
      await Promise.allSettled([...this.webhookPosts]);
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.statusTimer);
    this.statusTimer = undefined;
    this.pendingStatuses.length = 0;
    await Promise.allSettled([...this.webhookPosts]);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private envelope(value: Record<string, unknown>): Record<string, unknown> {
    return {
      object: 'whatsapp_business_account',
      entry: [{ id: '102030405060708', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '6236100000', phone_number_id: this.phoneNumberId }, ...value } }] }],
    };
  }

  private statusJson(id: string, status: string, to: string | undefined, codes: number[]): Record<string, unknown> {
    return {
      id,
      status,
      timestamp: String(Math.floor(Date.now() / 1000)),
      ...(to && /^\d+$/.test(to) ? { recipient_id: to } : { recipient_user_id: to }),
      ...(codes.length > 0 ? { errors: codes.map((code) => ({ code, title: `error ${code}` })) } : {}),
    };
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> = {};
    try {
      if (raw) body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return this.answer(res, 'POST', req.url ?? '', body, 400, { error: { code: 100, message: 'Invalid JSON' } });
    }
    const method = req.method === 'GET' ? 'GET' : 'POST';
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return this.answer(res, method, path, body, 401, { error: { code: 190, message: 'Error validating access token: Session has expired', type: 'OAuthException' } });
    }
    const send = /^\/v\d+\.\d+\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && send) {
      if (send[1] !== this.phoneNumberId) return this.answer(res, method, path, body, 400, { error: { code: 100, message: 'Unsupported post request' } });
      return this.sendMessage(res, path, body);
    }
    const media = /^\/v\d+\.\d+\/([A-Za-z0-9_.-]+)$/.exec(path);
    if (method === 'GET' && media) {
      return this.answer(res, method, path, body, 200, { url: `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/media/${media[1]}`, mime_type: 'image/jpeg', file_size: 2048, id: media[1] });
    }
    this.answer(res, method, path, body, 404, { error: { code: 803, message: 'Unknown path' } });
  }

  private answer(res: ServerResponse, method: 'GET' | 'POST', path: string, body: Record<string, unknown>, status: number, json: Record<string, unknown>, extra: Partial<GraphCall> = {}): void {
    const error = json.error as { code?: number } | undefined;
    const to = typeof body.to === 'string' ? body.to : typeof body.recipient === 'string' ? body.recipient : undefined;
    this.calls.push({ method, path, body, status, ...(error?.code !== undefined ? { code: error.code } : {}), ...(to ? { to } : {}), at: Date.now(), ...extra });
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    this.notify();
  }

  private sendMessage(res: ServerResponse, path: string, b: Record<string, unknown>): void {
    const fail = (status: number, code: number, message: string) => this.answer(res, 'POST', path, b, status, { error: { code, message, type: 'OAuthException', error_data: { details: message } } });
    const injected = this.failures.shift();
    if (injected) return fail(injected.status, injected.code, injected.message ?? `injected ${injected.code}`);
    if (b.messaging_product !== 'whatsapp') return fail(400, 100, 'messaging_product is required');
    const to = typeof b.to === 'string' ? b.to : typeof b.recipient === 'string' ? b.recipient : undefined;
    if (!to) return fail(400, 131008, 'Required parameter is missing: to');
    const problem = this.check(b);
    if (problem) return fail(400, problem.code, problem.message);
    if (this.enforceWindow && b.type !== 'template') {
      const last = this.lastInbound.get(to);
      if (last === undefined || Date.now() - last > 24 * 3_600_000) return fail(400, 131047, 'Re-engagement message: more than 24 hours have passed since the recipient last replied');
    }
    const now = Date.now();
    if (this.limits) {
      while (this.starts.length > 0 && (this.starts[0] ?? 0) <= now - 1000) this.starts.shift();
      if (this.starts.length >= this.limits.perSecond) return fail(400, 130429, 'Rate limit hit: Cloud API message throughput has been reached');
      if (this.limits.perPerson !== undefined) {
        const window = this.limits.pairWindowMs ?? 6000;
        const list = (this.perPerson.get(to) ?? []).filter((t) => t > now - window);
        if (list.length >= this.limits.perPerson) return fail(400, 131056, 'Pair rate limit hit: too many messages to this person');
        list.push(now);
        this.perPerson.set(to, list);
      }
      this.starts.push(now);
    }
    const id = `wamid.OUT${String(this.nextId++).padStart(8, '0')}`;
    this.answer(res, 'POST', path, b, 200, { messaging_product: 'whatsapp', contacts: [{ input: to, ...(/^\d+$/.test(to) ? { wa_id: to } : { user_id: to }) }], messages: [{ id }] }, { id });
    if (this.autoStatus) this.queueStatuses(id, to);
  }

  /** Shape checks Graph makes (the ones a renderer can get wrong). */
  private check(b: Record<string, unknown>): { code: number; message: string } | undefined {
    const bad = (message: string) => ({ code: 131009, message: `Parameter value is not valid: ${message}` });
    if (b.type === 'text') {
      const text = (b.text as { body?: unknown } | undefined)?.body;
      if (typeof text !== 'string' || text.trim() === '') return bad('text.body is empty');
      if (text.length > 4096) return bad('text.body is longer than 4096');
      return undefined;
    }
    if (b.type === 'interactive') {
      const i = b.interactive as { type?: string; body?: { text?: string }; action?: { buttons?: { reply?: { title?: string; id?: string } }[]; button?: string; sections?: { rows?: { title?: string; description?: string }[] }[] } };
      const body = i.body?.text;
      if (typeof body !== 'string' || body.length === 0 || body.length > 1024) return bad('interactive.body.text must be 1–1024 characters');
      if (i.type === 'button') {
        const buttons = i.action?.buttons ?? [];
        if (buttons.length < 1 || buttons.length > 3) return bad('1–3 buttons');
        if (buttons.some((x) => !x.reply?.title || [...x.reply.title].length > 20 || !x.reply.id)) return bad('button title must be 1–20 characters');
        return undefined;
      }
      if (i.type === 'list') {
        const rows = (i.action?.sections ?? []).flatMap((s) => s.rows ?? []);
        if (!i.action?.button || [...i.action.button].length > 20) return bad('list button must be 1–20 characters');
        if (rows.length < 1 || rows.length > 10) return bad('1–10 rows');
        if (rows.some((r) => !r.title || [...r.title].length > 24 || (r.description !== undefined && [...r.description].length > 72))) return bad('row title ≤ 24, description ≤ 72');
        return undefined;
      }
      return bad(`interactive type ${i.type}`);
    }
    if (b.type === 'template') {
      const t = b.template as { name?: string; language?: { code?: string }; components?: { type?: string; parameters?: { type?: string; text?: string }[] }[] };
      if (!t.name || !t.language?.code) return { code: 132001, message: 'Template name does not exist in the translation' };
      const param = t.components?.[0]?.parameters?.[0]?.text;
      if (typeof param !== 'string' || /[\n\t]| {5,}/.test(param)) return { code: 132018, message: 'Param text cannot have new-line/tab characters or more than 4 consecutive spaces' };
      return undefined;
    }
    return { code: 131051, message: `Unsupported message type ${String(b.type)}` };
  }

  private queueStatuses(id: string, to: string): void {
    this.pendingStatuses.push(this.statusJson(id, 'sent', to, []), this.statusJson(id, 'delivered', to, []));
    this.flushLater();
  }

  /** Meta batches statuses: up to 200 a webhook, every 50 ms. */
  private flushLater(): void {
    this.statusTimer ??= setTimeout(() => {
      this.statusTimer = undefined;
      const batch = this.pendingStatuses.splice(0, 200);
      if (this.pendingStatuses.length > 0) this.flushLater();
      if (batch.length === 0) return;
      const post = this.deliver(this.envelope({ statuses: batch })).catch(() => undefined);
      this.webhookPosts.add(post);
      void post.finally(() => this.webhookPosts.delete(post));
    }, 50);
  }
}
