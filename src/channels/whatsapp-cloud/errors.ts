/**
 * Graph API errors → ours. The shared retry policy (`lib/retry.ts`) reads HTTP-like codes, so each Graph
 * error code is mapped onto one: throttling (130429 throughput, 131056 pair rate, 131048 spam rate, 80007
 * and 4 account/app limits) → 429 with a pause; 131026 (undeliverable) → 403, the person cannot be
 * reached; 131047 (outside the 24-hour window) → 470, final (the old WhatsApp Business API's own code for
 * it); 190 or HTTP 401 (token expired or revoked) → 401; 131000/131016/133004/1/2 and HTTP 5xx → 503. The
 * Graph code itself is kept in `graphCode`. Request bodies (the citizen's text) are never kept.
 */
import { ConfigError, PlatformApiError } from '../../lib/errors.js';

/** This channel's name in errors and user keys. */
export const CLOUD = 'wacloud';

/** What a Graph error means to the channel. */
export type CloudErrorKind = 'throttled' | 'window' | 'unreachable' | 'auth' | 'server' | 'request';

/** Outside the 24-hour window: a template is needed. */
export const GRAPH_REENGAGEMENT = 131047;
/** Message undeliverable (not on WhatsApp, old app, terms not accepted). */
export const GRAPH_UNDELIVERABLE = 131026;

/** Pause before a throttled call may be tried again, by Graph code (seconds). */
const THROTTLE_PAUSE: Readonly<Record<number, number>> = { 130429: 1, 131056: 6, 131048: 30, 80007: 60, 4: 60 };
const SERVER_CODES = new Set([1, 2, 131000, 131016, 133004]);

/** A Graph API error, with its HTTP-like `code` for the retry policy and the Graph `graphCode`. */
export class CloudApiError extends PlatformApiError {
  constructor(
    method: string,
    readonly kind: CloudErrorKind,
    readonly graphCode: number | undefined,
    description: string,
    retryAfter?: number,
  ) {
    super(CLOUD, method, HTTP_LIKE[kind], graphCode !== undefined ? `${graphCode}: ${description}` : description, retryAfter);
  }
}

const HTTP_LIKE: Readonly<Record<CloudErrorKind, number>> = { throttled: 429, window: 470, unreachable: 403, auth: 401, server: 503, request: 400 };

/** The error of a Graph answer with HTTP `status` and body `body` (JSON `{error:{code,message,…}}` or not). */
export function graphError(method: string, status: number, body: unknown, retryAfterHeader?: string | null): CloudApiError {
  const err = typeof body === 'object' && body !== null && 'error' in body ? (body as { error: unknown }).error : undefined;
  const e = typeof err === 'object' && err !== null ? (err as Record<string, unknown>) : {};
  const code = typeof e.code === 'number' ? e.code : undefined;
  const details = typeof e.error_data === 'object' && e.error_data !== null ? (e.error_data as Record<string, unknown>).details : undefined;
  const message = [typeof e.message === 'string' ? e.message : `HTTP ${status}`, typeof details === 'string' ? details : undefined]
    .filter(Boolean)
    .join(' — ');
  const header = retryAfterHeader ? Number(retryAfterHeader) : NaN;
  if (code !== undefined && code in THROTTLE_PAUSE) {
    return new CloudApiError(method, 'throttled', code, message, Number.isFinite(header) && header > 0 ? header : THROTTLE_PAUSE[code]);
  }
  if (status === 429) return new CloudApiError(method, 'throttled', code, message, Number.isFinite(header) && header > 0 ? header : 1);
  if (code === GRAPH_REENGAGEMENT) return new CloudApiError(method, 'window', code, message);
  if (code === GRAPH_UNDELIVERABLE) return new CloudApiError(method, 'unreachable', code, message);
  if (code === 190 || status === 401) return new CloudApiError(method, 'auth', code, message);
  if ((code !== undefined && SERVER_CODES.has(code)) || status >= 500) return new CloudApiError(method, 'server', code, message);
  return new CloudApiError(method, 'request', code, message);
}

/** The error of a notification outside the 24-hour window when no template is configured for it. */
export function noTemplate(purpose: string, language: string): CloudApiError {
  return new CloudApiError(
    'messages',
    'window',
    GRAPH_REENGAGEMENT,
    `outside the 24-hour window and no template configured (purpose "${purpose}", language ${language}): not sent`,
  );
}

/**
 * The channel was started where no HTTP server runs (CONSOLE_PORT=0), so Meta cannot deliver its webhook. A
 * configuration problem: the supervisor gives the channel up instead of retrying.
 */
export class WebhookServerMissing extends ConfigError {
  constructor() {
    super([
      {
        variable: 'CONSOLE_PORT',
        expected:
          'a port (e.g. 8080, behind a TLS proxy), not 0: the WhatsApp Cloud API webhook is served on the service\'s HTTP server (or unset the WHATSAPP_CLOUD_* variables)',
      },
    ]);
  }
}
