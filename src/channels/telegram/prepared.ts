/**
 * A Bot API call made ready before it is sent: the connection open, the headers written, the body held back
 * until `send`. The paced sender claims a piece (`sending`, stored) between the two, so after the claim's
 * answer only one write is left: no connect, no rendering, no awaits through telegraf and node-fetch, where a
 * kill -9 landed between a stored claim and a request that had not left (the soak's Redis kill rows: a
 * piece counted "maybe delivered" that never was). An HTTP server processes a request only once its body is
 * whole (Content-Length), so a call cancelled, or a process killed before `send`, reaches nobody.
 */
import { request as httpRequest, type Agent as HttpAgent, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TLSSocket } from 'node:tls';
import type { Socket } from 'node:net';
import { NetworkError, PlatformApiError } from '../../lib/errors.js';

/** What a prepared call is made from. */
export interface PreparedCallOptions {
  /** The Bot API root (`https://api.telegram.org`, or http:// for a local server or a fake). */
  apiRoot: string;
  token: string;
  method: string;
  payload: Record<string, unknown>;
  /** The connection pool (telegraf's own: connections are shared with its calls). */
  agent?: HttpAgent;
  /** How long the whole call may take, connect included (default 60 s). */
  timeoutMs?: number;
}

/** A call whose request waits for `send` (see the module's comment). */
export interface PreparedCall {
  /** Write the body now (synchronously); resolves with the call's `result`. @throws PlatformApiError, NetworkError */
  send(): Promise<unknown>;
  /** Drop the request unsent (its connection is closed: the server never sees a whole request). */
  cancel(): void;
}

type BotApiAnswer = { ok?: boolean; result?: unknown; error_code?: number; description?: string; parameters?: { retry_after?: number } };

/** A network failure without the URL (it holds the token). */
function networkError(method: string, err: unknown): NetworkError {
  const code = (err as { code?: unknown } | undefined)?.code;
  return new NetworkError('telegram', method, new Error(typeof code === 'string' ? code : 'request failed'));
}

/** The outcome of a Bot API answer, as telegraf would map it. */
function outcome(method: string, status: number, statusText: string, body: string): unknown {
  if (status >= 500) throw new PlatformApiError('telegram', method, status, statusText);
  let data: BotApiAnswer;
  try {
    data = JSON.parse(body) as BotApiAnswer;
  } catch {
    throw new NetworkError('telegram', method, new Error(`unreadable answer (HTTP ${status})`));
  }
  if (!data.ok) throw new PlatformApiError('telegram', method, data.error_code ?? status, data.description ?? '', data.parameters?.retry_after);
  return data.result;
}

/**
 * Open the call's connection and write its headers; resolves once the connection is up (TLS included).
 * @throws NetworkError when it cannot be opened (nothing was sent)
 */
export function prepareCall(opts: PreparedCallOptions): Promise<PreparedCall> {
  const body = Buffer.from(JSON.stringify(opts.payload), 'utf8');
  const url = new URL(`./bot${opts.token}/${opts.method}`, opts.apiRoot.endsWith('/') ? opts.apiRoot : `${opts.apiRoot}/`);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const req: ClientRequest = request(url, {
    method: 'POST',
    agent: opts.agent,
    headers: { 'content-type': 'application/json', 'content-length': body.length, connection: 'keep-alive' },
  });
  const timeout = setTimeout(() => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), opts.timeoutMs ?? 60_000);
  timeout.unref();
  // Settled once: the answer, or the first failure (before or after `send`).
  const answered = new Promise<unknown>((resolve, reject) => {
    req.once('error', (err) => reject(networkError(opts.method, err)));
    req.once('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', (err) => reject(networkError(opts.method, err)));
      res.once('end', () => {
        try {
          resolve(outcome(opts.method, res.statusCode ?? 0, res.statusMessage ?? '', Buffer.concat(chunks).toString('utf8')));
        } catch (err) {
          reject(err);
        }
      });
    });
  }).finally(() => clearTimeout(timeout));
  // Awaited by `send`; a call cancelled or failed before it must not be an unhandled rejection.
  answered.catch(() => undefined);
  req.flushHeaders();
  return new Promise<PreparedCall>((resolve, reject) => {
    const call: PreparedCall = {
      send: () => {
        req.end(body);
        return answered;
      },
      cancel: () => void req.destroy(),
    };
    answered.catch(reject);
    req.once('socket', (socket: Socket) => {
      // A kept-alive connection is up already; a new one is ready once connected (TLS: once secured).
      if (!socket.connecting && !(socket instanceof TLSSocket && !socketSecured(socket))) return resolve(call);
      socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => resolve(call));
    });
  });
}

/** Whether a TLS connection finished its handshake (a kept-alive one has). */
function socketSecured(socket: TLSSocket): boolean {
  return socket.getProtocol() !== null;
}
