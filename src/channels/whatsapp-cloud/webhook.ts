/**
 * The webhook endpoint, mounted on the service's HTTP server (the staff console's): Meta's verification
 * handshake (`GET` with `hub.verify_token`, answered with `hub.challenge`) and the signed deliveries (`POST`
 * with `X-Hub-Signature-256: sha256=<HMAC-SHA256 of the raw body with the app secret>`). Both secrets are
 * compared in constant time; anything else is 403 and never reaches the bot.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { HttpRouter } from '../../kernel/channel.js';
import type { Logger } from '../../lib/log.js';

/** The header Meta signs deliveries with. */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

/** The `X-Hub-Signature-256` value of `body` under `secret` (tests and the fake sign with it too). */
export function signature(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Whether `given` is the signature of the raw `body`, in constant time. */
export function signatureMatches(secret: string, body: Uint8Array, given: string | null): boolean {
  if (!given) return false;
  const m = /^sha256=([0-9a-f]{64})$/i.exec(given.trim());
  if (!m?.[1]) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(m[1], 'hex'));
}

/** Whether two secrets are equal, in time independent of where they differ (hashed: lengths may differ). */
export function secretMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** Options of {@link mountWebhook}. */
export interface WebhookOptions {
  path: string;
  appSecret: string;
  verifyToken: string;
  /** Store what arrived (resolves once it is durably stored) and start handling it in the background. */
  accept(body: unknown): Promise<void>;
  /** Whether the channel runs (a stopped channel answers 503, so Meta delivers again later). */
  running(): boolean;
  log: Logger;
  maxBodyBytes?: number;
}

const text = (status: number, body = '') => new Response(body, { status, headers: { 'content-type': 'text/plain' } });

/** Mount the two routes on `http`. */
export function mountWebhook(http: HttpRouter, opts: WebhookOptions): void {
  const limit = opts.maxBodyBytes ?? 3_000_000;
  http.route('GET', opts.path, async (req) => {
    const q = new URL(req.url).searchParams;
    if (q.get('hub.mode') !== 'subscribe' || !secretMatches(opts.verifyToken, q.get('hub.verify_token'))) {
      opts.log.warn('WhatsApp Cloud API webhook verification with a wrong verify token refused');
      return text(403);
    }
    return text(200, q.get('hub.challenge') ?? '');
  });
  http.route('POST', opts.path, async (req) => {
    const declared = Number(req.headers.get('content-length') ?? '0');
    if (declared > limit) return text(413);
    const raw = new Uint8Array(await req.arrayBuffer());
    if (raw.byteLength > limit) return text(413);
    if (!signatureMatches(opts.appSecret, raw, req.headers.get(SIGNATURE_HEADER))) {
      opts.log.warn('WhatsApp Cloud API webhook with a wrong or missing signature refused');
      return text(403);
    }
    if (!opts.running()) return text(503);
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      return text(400);
    }
    try {
      await opts.accept(body);
    } catch (err) {
      // Not stored: Meta must deliver it again.
      opts.log.error({ err }, 'WhatsApp Cloud API webhook not stored; Meta will retry');
      return text(503);
    }
    return text(200);
  });
}
