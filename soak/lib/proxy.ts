/**
 * A TCP proxy on 127.0.0.1 in front of a real server (Redis), to make that server fail the two bad ways:
 * - `hang()`: alive but silent. Connections stay open and new ones are accepted, but nothing is forwarded
 *   either way (both sockets paused: the bytes wait in the kernel, as behind a network black hole, and flow
 *   again on `resume()`).
 * - `refuse()`: killed. Every connection is closed at once and the port stops listening (connects are refused)
 *   until `resume()` listens on the same port again.
 * `onClientData` sees every chunk a client sends before it is forwarded (a scenario can hang the proxy right
 * after a given command went through).
 */
import { once } from 'node:events';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export type ProxyMode = 'forward' | 'hang' | 'refuse';

interface Pair {
  client: Socket;
  upstream: Socket;
}

export class TcpProxy {
  mode: ProxyMode = 'forward';
  /** Called with each chunk from a client, before it is forwarded (or held). */
  onClientData: ((chunk: Buffer) => void) | undefined;
  /** Connections accepted so far. */
  accepted = 0;
  private server: Server | undefined;
  private readonly pairs = new Set<Pair>();

  private constructor(
    private readonly target: { host: string; port: number },
    private portNumber: number,
  ) {}

  /** Listen on 127.0.0.1 (a random port unless given) and forward to `target`. */
  static async start(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
    const proxy = new TcpProxy(target, port);
    await proxy.listen();
    return proxy;
  }

  get port(): number {
    return this.portNumber;
  }

  /** Open connections (client side). */
  get connections(): number {
    return this.pairs.size;
  }

  private async listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    server.listen(this.portNumber, '127.0.0.1');
    await once(server, 'listening');
    this.portNumber = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private accept(client: Socket): void {
    this.accepted += 1;
    const upstream = createConnection(this.target);
    const pair: Pair = { client, upstream };
    this.pairs.add(pair);
    const end = () => {
      if (!this.pairs.delete(pair)) return;
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      this.onClientData?.(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
    if (this.mode === 'hang') {
      client.pause();
      upstream.pause();
    }
  }

  /** Stop forwarding, keep every connection open, keep accepting. */
  hang(): void {
    this.mode = 'hang';
    for (const p of this.pairs) {
      p.client.pause();
      p.upstream.pause();
    }
  }

  /** Close every connection and stop listening: connects are refused. */
  async refuse(): Promise<void> {
    this.mode = 'refuse';
    const server = this.server;
    this.server = undefined;
    for (const p of [...this.pairs]) {
      p.client.destroy();
      p.upstream.destroy();
    }
    this.pairs.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Forward again (listening again on the same port after `refuse()`). */
  async resume(): Promise<void> {
    const was = this.mode;
    this.mode = 'forward';
    if (was === 'refuse' || !this.server) await this.listen();
    for (const p of this.pairs) {
      p.client.resume();
      p.upstream.resume();
    }
  }

  async close(): Promise<void> {
    await this.refuse();
  }
}
