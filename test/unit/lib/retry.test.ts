/** The one retry policy (Telegram sender, broadcast queue). */
import { describe, expect, it } from 'vitest';
import { NetworkError, PlatformApiError } from '../../../src/lib/errors.js';
import { DEFAULT_RETRY, retryDecision, withRetry } from '../../../src/lib/retry.js';

const api = (code: number, retryAfter?: number) => new PlatformApiError('telegram', 'sendMessage', code, 'x', retryAfter);
const net = () => new NetworkError('telegram', 'sendMessage', new Error('ECONNRESET'));

describe('retryDecision', () => {
  it('waits exactly retry_after on 429, gives up when it is longer than the caller can wait', () => {
    expect(retryDecision(api(429, 3), 1, DEFAULT_RETRY)).toMatchObject({ retry: true, delayMs: 3000 });
    expect(retryDecision(api(429, 3600), 1, DEFAULT_RETRY)).toMatchObject({ retry: false });
  });

  it('gives up at once on 400, 401, 403, 404 and 409', () => {
    for (const code of [400, 401, 403, 404, 409]) expect(retryDecision(api(code), 1, DEFAULT_RETRY).retry).toBe(false);
  });

  it('backs off exponentially on network errors and 5xx, capped, with jitter', () => {
    const policy = { ...DEFAULT_RETRY, maxAttempts: 20, baseDelayMs: 100, maxDelayMs: 1000 };
    const delays = [1, 2, 3, 4, 5, 6].map((a) => {
      const d = retryDecision(net(), a, policy, () => 0.999);
      return d.retry ? d.delayMs : -1;
    });
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
    const low = retryDecision(api(502), 4, policy, () => 0);
    expect(low).toMatchObject({ retry: true, delayMs: 400 });
  });

  it('stops after maxAttempts, and never retries a bug', () => {
    expect(retryDecision(net(), DEFAULT_RETRY.maxAttempts, DEFAULT_RETRY).retry).toBe(false);
    expect(retryDecision(new TypeError('x is undefined'), 1, DEFAULT_RETRY).retry).toBe(false);
  });
});

describe('withRetry', () => {
  it('retries until success and reports each wait', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw net();
        return 'ok';
      },
      { policy: { baseDelayMs: 1 }, onRetry: (_e, _a, ms) => waits.push(ms) },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it('throws the final error unchanged', async () => {
    const err = api(403);
    await expect(withRetry(async () => Promise.reject(err))).rejects.toBe(err);
  });

  it('an abort ends a long wait at once with the last error', async () => {
    const controller = new AbortController();
    const err = api(429, 30);
    const pending = withRetry(async () => Promise.reject(err), { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toBe(err);
  });
});
