/**
 * The service's one HTTP server (Hono on Node's http): the staff console, `/healthz` and `/metrics`, and the
 * platforms' webhooks all mount on it, so an office puts one port behind one TLS proxy. Channel modules see
 * it only as a fetch-style `HttpRouter` (Web `Request` in, `Response` out). A port that is taken is logged
 * and the bot keeps answering chats: the console is a convenience, never a reason to stop.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { HttpRouter } from '../kernel/channel.js';
import type { Logger } from '../lib/log.js';

/** Where the server listens. */
export interface HttpSettings {
  /** `CONSOLE_HOST`, 127.0.0.1 by default (behind a TLS proxy on the same machine). */
  host: string;
  /** `CONSOLE_PORT`; 0 picks a free port (tests). */
  port: number;
}

/** The running HTTP server. */
export interface HttpServer extends HttpRouter {
  /** The Hono app, for front-ends that use its routing and middleware (the console). */
  readonly app: Hono;
  /** Start listening; resolves with the base URL, or undefined when the port could not be had. */
  listen(): Promise<string | undefined>;
  /**
   * Paths registered through `route` (channel webhooks): they carry their own secrets, so the console's
   * same-origin rule for POSTs leaves them alone.
   */
  readonly routedPaths: ReadonlySet<string>;
  /** The base URL once listening. */
  readonly url: string | undefined;
  close(): Promise<void>;
}

/** Build the server (not yet listening). */
export function createHttpServer(settings: HttpSettings, log: Logger): HttpServer {
  const app = new Hono();
  let server: ServerType | undefined;
  let url: string | undefined;
  const routedPaths = new Set<string>();
  // Channels add their webhook routes when they start, which may be after the first request (a health
  // check during start-up): Hono refuses routes once its matcher is built, so these are looked up here.
  const routes = new Map<string, (req: Request) => Promise<Response>>();
  app.use('*', async (c, next) => {
    const handler = routes.get(`${c.req.method} ${c.req.path}`);
    if (handler) return handler(c.req.raw);
    await next();
    return undefined;
  });
  return {
    app,
    routedPaths,
    get url() {
      return url;
    },
    route(method, path, handler) {
      routedPaths.add(path);
      routes.set(`${method} ${path}`, handler);
    },
    listen() {
      return new Promise((resolve) => {
        const s = serve({ fetch: app.fetch, hostname: settings.host, port: settings.port });
        s.once('listening', () => {
          const address = s.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          url = `http://${host}:${address.port}`;
          server = s;
          resolve(url);
        });
        s.once('error', (err: NodeJS.ErrnoException) => {
          log.warn({ err, port: settings.port }, err.code === 'EADDRINUSE' ? 'HTTP port in use: console and webhooks not served' : 'HTTP server failed');
          resolve(undefined);
        });
      });
    },
    async close() {
      const s = server;
      server = undefined;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        // Keep-alive connections (browsers, Telegram) must not hold a shutdown.
        if ('closeAllConnections' in s && typeof s.closeAllConnections === 'function') s.closeAllConnections();
      });
    },
  };
}
