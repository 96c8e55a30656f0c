/**
 * The service's HTTP server: a channel's webhook route added after the server has answered requests (a
 * health check during start-up) still works, and the other routes keep theirs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/log.js';
import { createHttpServer, type HttpServer } from '../../src/runtime/http.js';

const servers: HttpServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('the service HTTP server', () => {
  it('takes a webhook route added after it has already answered requests', async () => {
    const http = createHttpServer({ host: '127.0.0.1', port: 0 }, silentLogger());
    servers.push(http);
    http.route('GET', '/healthz', async () => Response.json({ ok: true }));
    const url = await http.listen();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/telegram/hook`, { method: 'POST' })).status).toBe(404);
    // The channel starts now (a retry after a failed start, a slow login) and mounts its webhook.
    http.route('POST', '/telegram/hook', async (req) => new Response(await req.text(), { status: 200 }));
    const res = await fetch(`${url}/telegram/hook`, { method: 'POST', body: '{"update_id":1}' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"update_id":1}');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(http.routedPaths.has('/telegram/hook')).toBe(true);
  });
});
