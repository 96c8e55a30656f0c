/**
 * A Bot API call made ready before it is sent (`src/channels/telegram/prepared.ts`), against the fake Bot API
 * on 127.0.0.1: nothing is processed before `send`, a cancelled call is never processed, answers and
 * failures map like telegraf's.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareCall } from '../../src/channels/telegram/prepared.js';
import { NetworkError, PlatformApiError } from '../../src/lib/errors.js';
import { FAKE_TOKEN, FakeTelegram } from '../support/fake-telegram.js';

const fakes: FakeTelegram[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function fake(): Promise<FakeTelegram> {
  const f = await FakeTelegram.start();
  fakes.push(f);
  return f;
}

const payload = { chat_id: 7, text: 'satu' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('prepared Bot API calls', () => {
  it('reaches Telegram only when sent, once', async () => {
    const f = await fake();
    const call = await prepareCall({ apiRoot: f.apiRoot, token: FAKE_TOKEN, method: 'sendMessage', payload });
    await settle();
    expect(f.callsOf('sendMessage')).toHaveLength(0);
    const result = (await call.send()) as { message_id: number };
    expect(typeof result.message_id).toBe('number');
    expect(f.sentTo(7).map((m) => m.text)).toEqual(['satu']);
  });

  it('a cancelled call is never processed', async () => {
    const f = await fake();
    const call = await prepareCall({ apiRoot: f.apiRoot, token: FAKE_TOKEN, method: 'sendMessage', payload });
    call.cancel();
    await settle();
    expect(f.sentTo(7)).toHaveLength(0);
    expect(f.callsOf('sendMessage').filter((c) => c.status === 200)).toHaveLength(0);
  });

  it('maps a refusal like telegraf (429 with retry_after)', async () => {
    const f = await fake();
    f.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } });
    const call = await prepareCall({ apiRoot: f.apiRoot, token: FAKE_TOKEN, method: 'sendMessage', payload });
    const err = await call.send().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformApiError);
    expect((err as PlatformApiError).code).toBe(429);
    expect((err as PlatformApiError).retryAfter).toBe(3);
  });

  it('an API root that refuses connections fails before anything is sent, without the token in the error', async () => {
    // A port that was free a moment ago: nothing listens there.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const err = await prepareCall({ apiRoot: `http://127.0.0.1:${port}`, token: FAKE_TOKEN, method: 'sendMessage', payload }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(String((err as Error).message)).not.toContain(FAKE_TOKEN);
  });
});
