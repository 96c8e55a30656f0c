/**
 * The fake Bot API's webhook delivery, as the soak uses it: updates of one chat posted one at a time and in
 * order, an update resent until its request gets 200 (refused connection, error status, lost answer), several
 * targets served round robin.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../support/fake-telegram.js';
import * as tg from '../support/telegram-updates.js';

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

/** A webhook endpoint answering with `status(update)`; records what it was sent. */
async function endpoint(status: (update: { update_id: number }, n: number) => number, delayMs = 0): Promise<{ server: Server; port: number; got: { update_id: number; secret: string | undefined }[] }> {
  const got: { update_id: number; secret: string | undefined }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const update = JSON.parse(body) as { update_id: number };
      got.push({ update_id: update.update_id, secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined });
      setTimeout(() => res.writeHead(status(update, got.length)).end(), delayMs);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  open.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return { server, port: (server.address() as AddressInfo).port, got };
}

async function fakeWith(targets: number[], extra = {}): Promise<FakeTelegram> {
  const fake = await FakeTelegram.start({ webhookDelivery: { targets: targets.map((p) => `http://127.0.0.1:${p}`), retryMinMs: 20, retryMaxMs: 80, ...extra } });
  open.push(fake);
  // What the bot's setWebhook does.
  await fetch(`${fake.apiRoot}/bot${fake.token}/setWebhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: 'https://example.invalid/telegram/hook', secret_token: 'S3cret_token_for_tests' }),
  });
  return fake;
}

const wayan: tg.TgUser = { id: 555_001, first_name: 'Wayan' };
const made: tg.TgUser = { id: 555_002, first_name: 'Made' };

describe('fake Bot API webhook delivery', () => {
  it('posts each chat in order, one at a time, with the secret; an update leaves only with a 200', async () => {
    // The second request fails with 500: that update comes again before the chat's next one.
    const hook = await endpoint((_u, n) => (n === 2 ? 500 : 200), 30);
    const fake = await fakeWith([hook.port]);
    const ids = ['satu', 'dua', 'tiga'].map((t) => fake.pushUpdate(tg.privateText(wayan, t)));
    await fake.waitFor(() => fake.pendingUpdates === 0 || undefined, 3000);
    expect(hook.got.map((g) => g.update_id)).toEqual([ids[0], ids[1], ids[1], ids[2]]);
    expect(hook.got.every((g) => g.secret === 'S3cret_token_for_tests')).toBe(true);
    expect(fake.webhookPosts.map((p) => p.status)).toEqual([200, 500, 200, 200]);
  });

  it('resends after a refused connection and after a lost answer; spreads requests over the targets', async () => {
    const a = await endpoint(() => 200);
    const b = await endpoint(() => 200);
    let lose = true;
    const fake = await fakeWith([a.port, 1], {
      loseAnswer: () => {
        const l = lose;
        lose = false;
        return l;
      },
    });
    const id = fake.pushUpdate(tg.privateText(made, 'halo'));
    await fake.waitFor(() => fake.pendingUpdates === 0 || undefined, 3000);
    // Target 2 (port 1) refuses: resent, and the first 200 was "lost": resent again.
    expect(fake.webhookPosts.some((p) => p.error !== undefined)).toBe(true);
    expect(fake.webhookPosts.filter((p) => p.status === 200)).toHaveLength(2);
    expect(a.got.map((g) => g.update_id)).toEqual([id, id]);

    fake.setWebhookDelivery({ targets: [`http://127.0.0.1:${a.port}`, `http://127.0.0.1:${b.port}`] });
    for (let i = 0; i < 4; i++) fake.pushUpdate(tg.privateText({ id: 556_000 + i, first_name: 'W' }, 'halo'));
    await fake.waitFor(() => fake.pendingUpdates === 0 || undefined, 3000);
    expect(b.got.length).toBeGreaterThanOrEqual(2);
  });
});
