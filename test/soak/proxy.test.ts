/**
 * The soak's TCP proxy, in front of an echo server: it forwards; hung, it keeps the connection open but passes
 * nothing (and passes it on once resumed); killed, it closes connections and refuses new ones until resumed.
 */
import { once } from 'node:events';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpProxy } from '../../soak/lib/proxy.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function echo(): Promise<Server> {
  const server = createServer((s) => s.pipe(s));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  open.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return server;
}

async function connect(port: number): Promise<Socket> {
  const socket = createConnection({ host: '127.0.0.1', port });
  await once(socket, 'connect');
  open.push({ close: () => socket.destroy() });
  return socket;
}

/** What arrives on `socket` within `ms`. */
function received(socket: Socket, ms: number): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    const on = (d: Buffer) => (data += d.toString());
    socket.on('data', on);
    setTimeout(() => {
      socket.off('data', on);
      resolve(data);
    }, ms);
  });
}

describe('soak TCP proxy', () => {
  it('forwards, then when hung stays connected but silent, and delivers what waited once resumed', async () => {
    const server = await echo();
    const proxy = await TcpProxy.start({ host: '127.0.0.1', port: (server.address() as AddressInfo).port });
    open.push(proxy);
    const seen: string[] = [];
    proxy.onClientData = (chunk) => seen.push(chunk.toString());
    const socket = await connect(proxy.port);
    socket.write('PING\r\n');
    expect(await received(socket, 200)).toBe('PING\r\n');

    proxy.hang();
    socket.write('GET k\r\n');
    expect(await received(socket, 400)).toBe('');
    expect(socket.destroyed).toBe(false);
    // A new connection is accepted, and is silent too.
    const late = await connect(proxy.port);
    late.write('LATE\r\n');
    expect(await received(late, 200)).toBe('');

    const both = Promise.all([received(socket, 400), received(late, 400)]);
    await proxy.resume();
    expect(await both).toEqual(['GET k\r\n', 'LATE\r\n']);
    expect(seen.join('')).toContain('PING');
  });

  it('killed: closes every connection and refuses new ones; resumed: accepts again on the same port', async () => {
    const server = await echo();
    const proxy = await TcpProxy.start({ host: '127.0.0.1', port: (server.address() as AddressInfo).port });
    open.push(proxy);
    const socket = await connect(proxy.port);
    const closed = once(socket, 'close');
    await proxy.refuse();
    await closed;
    const refused = createConnection({ host: '127.0.0.1', port: proxy.port });
    const [err] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
    expect(err.code).toBe('ECONNREFUSED');

    await proxy.resume();
    const again = await connect(proxy.port);
    again.write('BACK\r\n');
    expect(await received(again, 200)).toBe('BACK\r\n');
  });
});
