/**
 * The webhook endpoint. Normally a route on the service's one HTTP server (`ctx.http`, the same port and TLS
 * proxy as the staff console): {@link webhookHandler} is a fetch-style handler (Web Request in, Response out).
 * Only when no HTTP server runs (CONSOLE_PORT=0) does the channel listen on TELEGRAM_WEBHOOK_PORT itself
 * ({@link createWebhookServer}, plain node:http, the same checks). Either way it accepts only POST with the
 * right `X-Telegram-Bot-Api-Secret-Token` (compared in constant time; wrong or missing → 403), reads at most
 * `maxBodyBytes`, and answers as soon as the update is accepted, so Telegram never times out and redelivers.
 * Refusals are logged at most once a minute with a count: a scanner hammering the URL must not fill the log.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../../lib/log.js';

/** An update could be neither handled nor kept in time (the store is down): its request gets 503. */
export class UpdateNotKept extends Error {
  override readonly name = 'UpdateNotKept';
}

/** The header Telegram sends with the secret given to setWebhook. */
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * Whether `given` equals `expected`, in time independent of where they differ. Both are hashed first so that
 * inputs of different lengths compare in constant time too.
 */
export function secretMatches(expected: string, given: string | string[] | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b) && expected.length === given.length;
}

/** Options of {@link createWebhookServer} and {@link webhookHandler}. */
export interface WebhookServerOptions {
  /** Path part of the public URL, e.g. `/telegram`. */
  path: string;
  secret: string;
  /** Resolves once the update is accepted (its turn stored, or handed to its chat's queue). */
  onUpdate(update: unknown): Promise<void>;
  log: Logger;
  maxBodyBytes?: number;
  /** How often a refusal may be logged (default once a minute; the rest are counted into the next line). */
  refusalLogEveryMs?: number;
}

/** Logs refused requests at most once per interval, with how many were refused since the last line. */
export class RefusalLog {
  private last = Number.NEGATIVE_INFINITY;
  private suppressed = 0;
  constructor(
    private readonly log: Logger,
    private readonly everyMs = 60_000,
  ) {}

  /** Count a refusal; log it unless one was logged within the interval. */
  refused(remote: string | undefined, now = Date.now()): void {
    if (now - this.last < this.everyMs) {
      this.suppressed += 1;
      return;
    }
    this.log.warn({ remote, alsoRefusedSinceLastLine: this.suppressed }, 'webhook request with a wrong or missing secret refused');
    this.last = now;
    this.suppressed = 0;
  }
}

/** The body of `req` as text, or undefined when it is larger than `limit` bytes. */
async function readRequestBody(req: Request, limit: number): Promise<string | undefined> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > limit) return undefined;
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Hand a parsed update over; the status to answer Telegram. A failure past this point is ours, not
 * Telegram's: 200, so it does not redeliver in a loop, unless the update could be neither handled nor kept
 * (the store is down): 503, and Telegram sends it again.
 */
async function updateStatus(opts: Pick<WebhookServerOptions, 'onUpdate' | 'log'>, update: unknown): Promise<number> {
  try {
    await opts.onUpdate(update);
    return 200;
  } catch (err) {
    if (err instanceof UpdateNotKept) return 503;
    opts.log.error({ err }, 'webhook update failed');
    return 200;
  }
}

const empty = (status: number): Response => new Response(null, { status, headers: { 'content-type': 'text/plain' } });

/** The webhook as a fetch-style handler for a route on the service's HTTP server. */
export function webhookHandler(opts: WebhookServerOptions, refusals = new RefusalLog(opts.log, opts.refusalLogEveryMs)): (req: Request) => Promise<Response> {
  const limit = opts.maxBodyBytes ?? 1_000_000;
  return async (req) => {
    if (req.method !== 'POST') return empty(405);
    if (!secretMatches(opts.secret, req.headers.get(SECRET_HEADER))) {
      refusals.refused(req.headers.get('x-forwarded-for') ?? undefined);
      return empty(403);
    }
    const body = await readRequestBody(req, limit);
    if (body === undefined) return empty(413);
    let update: unknown;
    try {
      update = JSON.parse(body);
    } catch {
      return empty(400);
    }
    return empty(await updateStatus(opts, update));
  };
}

function finish(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-type': 'text/plain' }).end();
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Build (not start) the fallback webhook server, for when the service runs no HTTP server of its own. */
export function createWebhookServer(opts: WebhookServerOptions): Server {
  const limit = opts.maxBodyBytes ?? 1_000_000;
  const refusals = new RefusalLog(opts.log, opts.refusalLogEveryMs);
  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      opts.log.error({ err }, 'webhook request failed');
      if (!res.headersSent) finish(res, 500);
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== opts.path) return finish(res, 404);
    if (req.method !== 'POST') return finish(res, 405);
    if (!secretMatches(opts.secret, req.headers[SECRET_HEADER])) {
      refusals.refused(req.socket.remoteAddress);
      return finish(res, 403);
    }
    const body = await readBody(req, limit);
    if (body === undefined) return finish(res, 413);
    let update: unknown;
    try {
      update = JSON.parse(body);
    } catch {
      return finish(res, 400);
    }
    finish(res, await updateStatus(opts, update));
  }
  // Telegram keeps connections open; a stop must not wait for them.
  server.keepAliveTimeout = 5_000;
  return server;
}
