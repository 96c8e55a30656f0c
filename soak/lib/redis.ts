/**
 * Redis for the soak: is one there (REDIS_URL, else 127.0.0.1:6379), a client, and the removal of every key
 * a run made (its prefixes only: a soak never touches other data on a shared Redis).
 */
import { Redis } from 'ioredis';
import type { Scope } from './cleanup.js';

export function redisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** Host and port of a redis:// URL. */
export function hostPort(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname || '127.0.0.1', port: Number(u.port || 6379) };
}

export function client(url = redisUrl()): Redis {
  const c = new Redis(url, { lazyConnect: true, connectTimeout: 1500, maxRetriesPerRequest: 1, enableOfflineQueue: true, retryStrategy: () => null });
  c.on('error', () => undefined);
  return c;
}

/** Whether Redis answers PING within 2 s. */
export async function redisAnswers(url = redisUrl()): Promise<boolean> {
  const c = client(url);
  try {
    await c.connect();
    let timer: NodeJS.Timeout | undefined;
    const pong = await Promise.race([c.ping(), new Promise<string>((resolve) => (timer = setTimeout(() => resolve(''), 2000)))]);
    clearTimeout(timer);
    return pong === 'PONG';
  } catch {
    return false;
  } finally {
    c.disconnect();
  }
}

/** Delete every key under `prefix:` and `prefix-bq:` (the store and locks; BullMQ's queue). */
export async function deletePrefix(prefix: string, url = redisUrl()): Promise<number> {
  const c = client(url);
  let deleted = 0;
  try {
    await c.connect();
    for (const pattern of [`${prefix}:*`, `${prefix}-bq:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await c.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) deleted += await c.unlink(...keys);
      } while (cursor !== '0');
    }
  } finally {
    c.disconnect();
  }
  return deleted;
}

/** A prefix of this run and row, whose keys are removed with the scope. */
export function runPrefix(scope: Scope, runId: string, row: string, url = redisUrl()): string {
  const prefix = `soak:${runId}:${row}`;
  scope.add(`delete Redis keys ${prefix}`, async () => void (await deletePrefix(prefix, url)));
  return prefix;
}
