/**
 * The webhook endpoint: a plain node:http server. It accepts only POST on the configured path with the right
 * `X-Telegram-Bot-Api-Secret-Token` (compared in constant time; wrong or missing → 403), reads at most
 * `maxBodyBytes`, and answers as soon as the update is accepted, so Telegram never times out and redelivers.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../../lib/log.js';

/** The header Telegram sends with the secret given to setWebhook. */
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * Whether `given` equals `expected`, in time independent of where they differ. Both are hashed first so that
 * inputs of different lengths compare in constant time too.
 */
export function secretMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b) && expected.length === given.length;
}

/** Options of {@link createWebhookServer}. */
export interface WebhookServerOptions {
  /** Path part of the public URL, e.g. `/telegram`. */
  path: string;
  secret: string;
  /** Resolves once the update is accepted (its turn stored, or handed to its chat's queue). */
  onUpdate(update: unknown): Promise<void>;
  log: Logger;
  maxBodyBytes?: number;
  /** How often a refused request is logged at most (the first at once, then one line with the count). */
  refusedLogEveryMs?: number;
  /** The clock of that limit (tests). */
  now?: () => number;
}

/** Default of `refusedLogEveryMs`: a probe or an attack hammering the endpoint writes one line a minute. */
export const REFUSED_LOG_EVERY_MS = 60_000;

/**
 * Logs refused requests at most once per `everyMs`: the first at once, later ones counted and reported with
 * the next line (`refused` = how many since the last line). A flood of bad requests cannot flood the log.
 */
export function refusalLogger(log: Logger, everyMs = REFUSED_LOG_EVERY_MS, now: () => number = Date.now): (remote: string | undefined) => void {
  let last = -Infinity;
  let unlogged = 0;
  return (remote) => {
    unlogged += 1;
    const t = now();
    if (t - last < everyMs) return;
    log.warn({ remote, refused: unlogged, perMs: everyMs }, 'webhook requests with a wrong or missing secret refused');
    last = t;
    unlogged = 0;
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

/** Build (not start) the webhook server. */
export function createWebhookServer(opts: WebhookServerOptions): Server {
  const limit = opts.maxBodyBytes ?? 1_000_000;
  const refused = refusalLogger(opts.log, opts.refusedLogEveryMs, opts.now);
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
      refused(req.socket.remoteAddress);
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
    // A failure past this point is ours, not Telegram's: answer 200 so it does not redeliver in a loop.
    await opts.onUpdate(update).catch((err: unknown) => opts.log.error({ err }, 'webhook update failed'));
    finish(res, 200);
  }
  // Telegram keeps connections open; a stop must not wait for them.
  server.keepAliveTimeout = 5_000;
  return server;
}
