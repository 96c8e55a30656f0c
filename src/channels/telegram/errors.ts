/**
 * telegraf's errors → ours. `TelegramError` carries the request payload (the citizen's text) in `on`, so it
 * is never kept as a cause or logged: only method, code, description and `retry_after` survive.
 */
import { TelegramError } from 'telegraf';
import { NetworkError, PlatformApiError } from '../../lib/errors.js';

/** Node and node-fetch error names/codes that mean "no answer came back". */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);

function isNetworkFailure(err: Error): boolean {
  const code = (err as Error & { code?: unknown }).code;
  return err.name === 'FetchError' || (typeof code === 'string' && NETWORK_CODES.has(code));
}

/**
 * Map a failure of Bot API `method` to `PlatformApiError` (the API answered `ok: false`) or `NetworkError`
 * (no answer). Anything else is returned as it is.
 */
export function toPlatformError(err: unknown, method: string): unknown {
  if (err instanceof PlatformApiError || err instanceof NetworkError) return err;
  if (err instanceof TelegramError) {
    return new PlatformApiError('telegram', method, err.code, err.description, err.parameters?.retry_after);
  }
  if (err instanceof Error && isNetworkFailure(err)) {
    // The message of a node-fetch error holds the URL, which holds the token: keep only the code.
    const code = (err as Error & { code?: unknown }).code;
    return new NetworkError('telegram', method, new Error(typeof code === 'string' ? code : err.name));
  }
  return err;
}

/** Run one Bot API call and map its failure. */
export async function callTelegram<T>(method: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toPlatformError(err, method);
  }
}
