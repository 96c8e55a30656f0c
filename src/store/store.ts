/**
 * All state goes through keyv: `@keyv/sqlite` under DATA_DIR by default, `@keyv/redis` when REDIS_URL is set,
 * a Map in tests. A `Collection` is one named, zod-checked group of records (sessions, complaints, …);
 * every read is validated (stored records are a boundary too) and every failure is a `StoreError`.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Keyv, type KeyvStoreAdapter } from 'keyv';
import type { RedisClientType } from '@keyv/redis';
import type { z } from 'zod';
import { StoreError } from '../lib/errors.js';
import { sleep } from '../lib/time.js';
import { KeyvBetterSqlite, lazyDatabase } from './sqlite-sync.js';

/** One named group of records of one shape. */
export interface Collection<T> {
  /** The record, or undefined when absent or expired. @throws StoreError when the store fails or the record is invalid. */
  get(key: string): Promise<T | undefined>;
  /** Store a record, optionally expiring after `ttlMs`. @throws StoreError */
  set(key: string, value: T, ttlMs?: number): Promise<void>;
  /** @throws StoreError */
  delete(key: string): Promise<boolean>;
  /** Every record of the collection (order unspecified). @throws StoreError */
  entries(): AsyncIterable<[string, T]>;
}

/** A key-value store holding collections. */
export interface Store {
  readonly kind: 'sqlite' | 'redis' | 'memory';
  collection<T>(name: string, schema: z.ZodType<T>): Collection<T>;
  /**
   * Hold `key` across processes for at most `ttlMs` (waiting up to `waitMs` for it); resolves with a release
   * function. Only a store that several processes share (Redis) has it: keyv has no compare-and-set, so two
   * instances serving one person must take turns. @throws StoreError when the lock cannot be had in time.
   */
  lock?(key: string, ttlMs: number, waitMs?: number): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Delete the lock only when it still holds our token (the usual Redis compare-and-delete). */
const RELEASE_LOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** Collection names are table names in SQLite and key prefixes in Redis. */
const NAME = /^[a-z][a-z0-9_]{0,40}$/;

/** A Keyv, or a way to get one once the backend is loaded and connected (Redis). */
type KeyvSource = Keyv | (() => Promise<Keyv>);

function wrap<T>(name: string, source: KeyvSource, schema: z.ZodType<T>): Collection<T> {
  const getKeyv = typeof source === 'function' ? source : () => Promise.resolve(source);
  const guard = async <R>(op: string, fn: (keyv: Keyv) => Promise<R>): Promise<R> => {
    try {
      return await fn(await getKeyv());
    } catch (err) {
      throw err instanceof StoreError ? err : new StoreError(`${op} ${name}`, err);
    }
  };
  const check = (key: string, raw: unknown): T => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw new StoreError(`read ${name}/${key}`, new Error(`invalid record: ${parsed.error.issues[0]?.message}`), 'invalid-record');
    }
    return parsed.data;
  };
  return {
    get: (key) =>
      guard('get', async (keyv) => {
        const raw: unknown = await keyv.get(key);
        return raw === undefined ? undefined : check(key, raw);
      }),
    set: (key, value, ttlMs) =>
      guard('set', async (keyv) => {
        const ok = await keyv.set(key, value, ttlMs);
        if (!ok) throw new Error('the store refused the write');
      }),
    delete: (key) => guard('delete', (keyv) => keyv.delete(key)),
    entries: () => iterate(getKeyv, name, check),
  };
}

async function* iterate<T>(
  getKeyv: () => Promise<Keyv>,
  name: string,
  check: (key: string, raw: unknown) => T,
): AsyncIterable<[string, T]> {
  try {
    const keyv = await getKeyv();
    if (!keyv.iterator) throw new StoreError(`iterate ${name}`, new Error('this store cannot list its keys'));
    for await (const entry of keyv.iterator(undefined) as AsyncIterable<[string, unknown]>) {
      const [key, raw] = entry;
      if (raw !== undefined) yield [key, check(key, raw)];
    }
  } catch (err) {
    throw err instanceof StoreError ? err : new StoreError(`iterate ${name}`, err);
  }
}

function checkName(name: string): void {
  if (!NAME.test(name)) throw new Error(`collection name "${name}" must match ${NAME}`);
}

/** The SQLite drivers behind the same keyv adapter interface. */
export type SqliteDriver = 'better-sqlite3' | 'sqlite3';

/**
 * SQLite file `layanan.sqlite` under `dataDir`, one table per collection, WAL and a busy timeout.
 * `better-sqlite3` (the default) writes synchronously on this thread: a turn's session is committed when
 * `set` resolves, without a thread-pool round trip. `sqlite3` is `@keyv/sqlite`'s asynchronous driver, one
 * connection per collection; both use the same tables, so a data folder can be switched between them.
 */
export function createSqliteStore(dataDir: string, driver: SqliteDriver = 'better-sqlite3'): Store {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'layanan.sqlite');
  return driver === 'sqlite3' ? createAsyncSqliteStore(file) : createSyncSqliteStore(file);
}

function createSyncSqliteStore(file: string): Store {
  const database = lazyDatabase(file);
  return {
    kind: 'sqlite',
    collection(name, schema) {
      checkName(name);
      const adapter = new KeyvBetterSqlite(database, name);
      return wrap(name, new Keyv({ store: adapter, namespace: name, throwOnErrors: true }), schema);
    },
    async close() {
      await database.close();
    },
  };
}

function createAsyncSqliteStore(file: string): Store {
  const uri = `sqlite://${file}`;
  const adapters: { disconnect(): Promise<void> }[] = [];
  return {
    kind: 'sqlite',
    collection(name, schema) {
      checkName(name);
      let keyv: Promise<Keyv> | undefined;
      // Imported on first use: the default driver's processes never load sqlite3.
      const open = async (): Promise<Keyv> => {
        const { default: KeyvSqlite } = await import('@keyv/sqlite');
        const adapter = new KeyvSqlite({ uri, table: name, busyTimeout: 5000 });
        adapter.on('error', () => undefined); // surfaced through throwOnErrors instead
        // WAL lets several connections (one per collection, plus a CLI process) read while one writes;
        // synchronous=NORMAL is durable across a process kill (only an OS crash can lose the last commits).
        void adapter.query('PRAGMA journal_mode=WAL').catch(() => undefined);
        void adapter.query('PRAGMA synchronous=NORMAL').catch(() => undefined);
        adapters.push(adapter);
        return new Keyv({ store: adapter, namespace: name, throwOnErrors: true });
      };
      return wrap(name, () => (keyv ??= open()), schema);
    },
    async close() {
      await Promise.allSettled(adapters.map((a) => a.disconnect()));
    },
  };
}

/**
 * Redis at `url`, one client shared by all collections, keys `<prefix>:<collection>::<key>`.
 * The Redis client is imported on first use, so SQLite-only starts do not pay for loading it.
 */
export function createRedisStore(url: string, prefix = 'layanan'): Store {
  let client: RedisClientType | undefined;
  let connecting: Promise<void> | undefined;
  const keyvs = new Map<string, Keyv>();

  const connect = async (): Promise<RedisClientType> => {
    if (!client) {
      const { createClient } = await import('@keyv/redis');
      // A Redis that is down must fail each call within seconds (a clear StoreError to the person), not
      // queue it forever: no offline queue, a connect timeout, no reconnect loop inside one call.
      client ??= createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 2000, reconnectStrategy: false } }) as RedisClientType;
      client.on('error', () => undefined); // reported by each failing call as a StoreError
    }
    const c = client;
    if (!c.isReady) {
      // One shared attempt: concurrent first calls wait for it instead of finding the client "offline".
      connecting ??= (c.isOpen ? new Promise<void>((r) => c.once('ready', () => r())) : c.connect().then(() => undefined)).finally(() => {
        connecting = undefined;
      });
      await connecting;
    }
    return c;
  };

  return {
    kind: 'redis',
    collection(name, schema) {
      checkName(name);
      const namespace = `${prefix}:${name}`;
      return wrap(
        name,
        async () => {
          const c = await connect();
          let keyv = keyvs.get(name);
          if (!keyv) {
            const { default: KeyvRedis } = await import('@keyv/redis');
            const adapter = new KeyvRedis(c, { namespace, throwOnErrors: true, throwOnConnectError: true, connectionTimeout: 2000 });
            // Keyv would otherwise set the adapter's namespace to its default "keyv" and mix collections.
            keyv = new Keyv({ store: adapter as KeyvStoreAdapter, namespace, useKeyPrefix: false, throwOnErrors: true });
            keyv.on('error', () => undefined);
            keyvs.set(name, keyv);
          }
          return keyv;
        },
        schema,
      );
    },
    async lock(key, ttlMs, waitMs = 10_000) {
      const name = `${prefix}:lock:${key}`;
      const token = randomUUID();
      const deadline = Date.now() + waitMs;
      let c: RedisClientType;
      try {
        c = await connect();
        for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
          const ok = await c.set(name, token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } });
          if (ok === 'OK') break;
          if (Date.now() > deadline) throw new Error(`still held by another instance after ${waitMs} ms`);
          await sleep(delay);
        }
      } catch (err) {
        throw new StoreError(`lock ${key}`, err);
      }
      // Release only our own lock: after a pause longer than ttlMs another instance may hold it by now.
      return async () => {
        await c.eval(RELEASE_LOCK, { keys: [name], arguments: [token] }).catch(() => undefined);
      };
    },
    async close() {
      if (client?.isOpen) await client.quit().catch(() => undefined);
    },
  };
}

/** An in-process store (tests, benchmarks baseline). Collections of the same name share their records. */
export function createMemoryStore(): Store {
  const maps = new Map<string, Map<string, unknown>>();
  return {
    kind: 'memory',
    collection(name, schema) {
      checkName(name);
      let map = maps.get(name);
      if (!map) maps.set(name, (map = new Map()));
      return wrap(name, new Keyv({ store: map, namespace: name, throwOnErrors: true }), schema);
    },
    async close() {},
  };
}

/** The store the configuration asks for: Redis when `redisUrl` is set, else SQLite under `dataDir`. */
export function createStore(opts: {
  dataDir: string;
  redisUrl?: string | undefined;
  /** Key prefix of this office on a shared Redis (`REDIS_PREFIX`). */
  redisPrefix?: string | undefined;
  sqliteDriver?: SqliteDriver | undefined;
}): Store {
  return opts.redisUrl ? createRedisStore(opts.redisUrl, opts.redisPrefix) : createSqliteStore(opts.dataDir, opts.sqliteDriver);
}
