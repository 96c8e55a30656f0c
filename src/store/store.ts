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
import { deserializeRecord, serializeRecord } from './serialize.js';
import { ParsedRows } from './parsed-rows.js';
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

/** How a collection may be read. */
export interface CollectionOptions {
  /**
   * Its readers never change a record they read: an embedded store (SQLite, memory) may then hand the record
   * parsed from a row to every read of that same row text (frozen), instead of parsing and validating the
   * text again each time (see `ParsedRows`). The row is still read each time; Redis ignores this.
   */
  sharedReads?: boolean;
}

/** A key-value store holding collections. */
export interface Store {
  readonly kind: 'sqlite' | 'redis' | 'memory';
  collection<T>(name: string, schema: z.ZodType<T>, options?: CollectionOptions): Collection<T>;
  /**
   * Hold `key` across processes (waiting up to `waitMs` for it); resolves with a release function. The lock
   * expires `ttlMs` after it was last renewed and is renewed while held (every ~30 % of `ttlMs`), so a live
   * holder keeps it however long its turn takes, and a dead one frees it within `ttlMs`. Only a store that
   * several processes share (Redis) has it: keyv has no compare-and-set, so two instances serving one person
   * must take turns. @throws StoreError when the lock cannot be had in time or the store does not answer.
   */
  lock?(key: string, ttlMs: number, waitMs?: number): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Delete the lock only when it still holds our token (the usual Redis compare-and-delete). */
const RELEASE_LOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** Extend the lock only while it still holds our token (compare-and-extend): a lost lock is never taken back. */
const EXTEND_LOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

/** Default of REDIS_COMMAND_TIMEOUT_MS: longest wait for any one Redis call (connect included). */
export const REDIS_COMMAND_TIMEOUT_MS = 2000;

/** While Redis does not answer, it is probed this often (a PING on a fresh connection). */
const PROBE_EVERY_MS = 250;
/** While Redis does not answer, a call waits this long for the probe's answer before it fails. */
const HUNG_CALL_WAIT_MS = 250;

/** A page of a listing (keyv scans and reads many keys in one step) may take this many command timeouts. */
const ITERATE_PAGE_FACTOR = 10;

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions {
  /**
   * Longest wait for one Redis call, the connection included (REDIS_COMMAND_TIMEOUT_MS). A Redis that is
   * alive but does not answer (paused, swapping, a network black hole) fails the call after this long,
   * exactly like a refused connection, and the connection is dropped so the next call starts afresh.
   */
  commandTimeoutMs?: number;
}

/** Collection names are table names in SQLite and key prefixes in Redis. */
const NAME = /^[a-z][a-z0-9_]{0,40}$/;

/** A Keyv, or a way to get one once the backend is loaded and connected (Redis). */
type KeyvSource = Keyv | (() => Promise<Keyv>);

/** Bounds one store call in time (Redis); identity for the embedded stores, which cannot hang on a peer. */
type Deadline = <R>(op: string, call: () => Promise<R>, slow?: boolean) => Promise<R>;
const noDeadline: Deadline = (_op, call) => call();

/** The error of a failed `op` on collection `name` (a StoreError as it is, anything else wrapped). */
function storeFailure(op: string, name: string, err: unknown): StoreError {
  return err instanceof StoreError ? err : new StoreError(`${op} ${name}`, err);
}

/** A record read back from collection `name`, validated against its schema (invalid: `invalid-record`). */
function recordCheck<T>(name: string, schema: z.ZodType<T>): (key: string, raw: unknown) => T {
  return (key, raw) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw new StoreError(`read ${name}/${key}`, new Error(`invalid record: ${parsed.error.issues[0]?.message}`), 'invalid-record');
    }
    return parsed.data;
  };
}

function wrap<T>(name: string, source: KeyvSource, schema: z.ZodType<T>, deadline: Deadline = noDeadline): Collection<T> {
  const getKeyv = typeof source === 'function' ? source : () => Promise.resolve(source);
  const guard = async <R>(op: string, fn: (keyv: Keyv) => Promise<R>): Promise<R> => {
    try {
      return await deadline(`${op} ${name}`, async () => fn(await getKeyv()));
    } catch (err) {
      throw storeFailure(op, name, err);
    }
  };
  const check = recordCheck(name, schema);
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
    entries: () => iterate(getKeyv, name, check, deadline),
  };
}

/** The rows of one embedded table by full key (`<collection>:<key>`), read and written synchronously. */
interface RawRows {
  get(key: string): string | undefined;
  set(key: string, text: string): void;
  delete(key: string): boolean;
}

/**
 * A collection of an embedded store (better-sqlite3, memory) that reads and writes its rows itself, with no
 * keyv call per record: the same keys (`<collection>:<key>`), the same text (`{"value":…,"expires":…}` through
 * `serializeRecord`) and the same expiry rule as keyv's `get`/`set`/`delete` (an expired record reads as
 * absent and is deleted), so the rows are those keyv writes and reads. Listing still goes through keyv.
 */
function direct<T>(name: string, rows: RawRows, keyv: Keyv, schema: z.ZodType<T>, options: CollectionOptions = {}): Collection<T> {
  const prefix = `${name}:`;
  const check = recordCheck(name, schema);
  const parsed = options.sharedReads ? new ParsedRows<T>() : undefined;
  const fail = (op: string, err: unknown): never => {
    throw storeFailure(op, name, err);
  };
  const expired = (expires: unknown) => typeof expires === 'number' && Date.now() > expires;
  return {
    async get(key) {
      let record: { value?: unknown; expires?: unknown } | null | undefined;
      let text: string | undefined;
      try {
        text = rows.get(prefix + key);
        const hit = text === undefined ? undefined : parsed?.hit(key, text);
        if (hit !== undefined) {
          // The same text as last read: the same record, without its parse and check (expiry still applies).
          if (!expired(hit.expires)) return hit.value;
          parsed?.forget(key);
          rows.delete(prefix + key);
          return undefined;
        }
        record = text === undefined ? undefined : (deserializeRecord(text) as typeof record);
        if (record === undefined || record === null) return undefined;
        if (expired(record.expires)) {
          rows.delete(prefix + key);
          return undefined;
        }
      } catch (err) {
        return fail('get', err);
      }
      if (record.value === undefined) return undefined;
      const value = check(key, record.value);
      if (parsed && text !== undefined) parsed.keep(key, text, { value, expires: record.expires });
      return value;
    },
    async set(key, value, ttlMs) {
      parsed?.forget(key);
      try {
        const ttl = ttlMs === 0 ? undefined : ttlMs;
        rows.set(prefix + key, serializeRecord({ value, expires: typeof ttl === 'number' ? Date.now() + ttl : undefined }) as string);
      } catch (err) {
        fail('set', err);
      }
    },
    async delete(key) {
      parsed?.forget(key);
      try {
        return rows.delete(prefix + key);
      } catch (err) {
        return fail('delete', err);
      }
    },
    entries: () => iterate(() => Promise.resolve(keyv), name, check, noDeadline),
  };
}

async function* iterate<T>(
  getKeyv: () => Promise<Keyv>,
  name: string,
  check: (key: string, raw: unknown) => T,
  deadline: Deadline,
): AsyncIterable<[string, T]> {
  try {
    const keyv = await deadline(`iterate ${name}`, getKeyv);
    if (!keyv.iterator) throw new StoreError(`iterate ${name}`, new Error('this store cannot list its keys'));
    // Each page of the listing is bounded in time, not the whole listing (a caller may work between pages).
    const pages = (keyv.iterator(undefined) as AsyncIterable<[string, unknown]>)[Symbol.asyncIterator]();
    for (;;) {
      // `slow`: one page of a listing may scan many keys of a busy Redis; it is bounded, more loosely.
      const next = await deadline(`iterate ${name}`, () => pages.next(), true);
      if (next.done) break;
      const [key, raw] = next.value;
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
    collection(name, schema, options) {
      checkName(name);
      const adapter = new KeyvBetterSqlite(database, name);
      const keyv = new Keyv({ store: adapter, namespace: name, throwOnErrors: true, serialize: serializeRecord, deserialize: deserializeRecord });
      return direct(name, adapter.rows, keyv, schema, options);
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
        return new Keyv({ store: adapter, namespace: name, throwOnErrors: true, serialize: serializeRecord, deserialize: deserializeRecord });
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
 * Every call (connecting included) is bounded by `commandTimeoutMs`: node-redis's own command timeout only
 * covers a command waiting to be written, not one written to a server that never answers.
 */
export function createRedisStore(url: string, prefix = 'layanan', opts: RedisStoreOptions = {}): Store {
  const timeoutMs = opts.commandTimeoutMs ?? REDIS_COMMAND_TIMEOUT_MS;
  let client: RedisClientType | undefined;
  let connecting: Promise<void> | undefined;
  const keyvs = new Map<string, Keyv>();

  /** Drop a connection that stopped answering: its queued calls fail now, and the next call reconnects. */
  const reset = (stale: RedisClientType | undefined) => {
    if (!stale || stale !== client) return;
    client = undefined;
    connecting = undefined;
    keyvs.clear();
    try {
      stale.destroy();
    } catch {
      // Already closed.
    }
  };

  /**
   * Set while Redis is known not to answer: from a call that timed out until a probe (PING, every
   * `PROBE_EVERY_MS`) is answered. Calls made meanwhile wait at most `HUNG_CALL_WAIT_MS` for that answer and
   * then fail at once, so that during an outage every person hears "service disturbed" within seconds, not
   * after a command timeout per call (a turn makes several, and waits behind other calls for the person).
   */
  let hung: { since: number; answered: Promise<void> } | undefined;
  let closed = false;
  /**
   * Locks whose acquisition timed out: the SET may still be applied when Redis answers again (it was written
   * to the socket), leaving a lock of ours that would hold the person back for its whole expiry. Released by
   * token (compare-and-delete, harmless if absent) once Redis answers.
   */
  const abandoned = new Map<string, string>();

  /** Bound `call` by the command timeout; a call that times out marks Redis as not answering. */
  const bounded: Deadline = (op, call, slow = false) => {
    const current = client;
    const ms = slow ? ITERATE_PAGE_FACTOR * timeoutMs : timeoutMs;
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        // Timers run before pending I/O is read: after a stall of this thread (a long synchronous task) the
        // answer may already be waiting in the socket. Judge only after one turn of the I/O phase.
        setImmediate(() => {
          if (settled) return;
          settled = true;
          reject(new Error(`Redis did not answer ${op} within ${ms} ms (REDIS_COMMAND_TIMEOUT_MS)`));
          reset(client ?? current);
          trip();
        });
      }, ms);
      call().then(
        (value) => {
          clearTimeout(timer);
          if (settled) return;
          settled = true;
          resolve(value);
        },
        (err: unknown) => {
          clearTimeout(timer);
          if (settled) return;
          settled = true;
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  };

  /** Redis stopped answering: probe it until it answers, then release the locks that may have landed. */
  const trip = () => {
    if (hung || closed) return;
    let answered!: () => void;
    hung = { since: Date.now(), answered: new Promise<void>((r) => (answered = r)) };
    void (async () => {
      while (!closed) {
        try {
          await bounded('ping', async () => (await connect()).ping());
          for (const [name, token] of abandoned) {
            await bounded(`unlock ${name}`, async () => (await connect()).eval(RELEASE_LOCK, { keys: [name], arguments: [token] })).catch(() => undefined);
            abandoned.delete(name);
          }
          break;
        } catch {
          await sleep(PROBE_EVERY_MS);
        }
      }
      hung = undefined;
      answered();
    })();
  };

  const deadline: Deadline = async (op, call, slow = false) => {
    const outage = hung;
    if (outage) {
      await Promise.race([outage.answered, sleep(HUNG_CALL_WAIT_MS)]);
      if (hung === outage) {
        throw new Error(`Redis has not answered for ${Math.round((Date.now() - outage.since) / 1000)} s (REDIS_COMMAND_TIMEOUT_MS ${timeoutMs} ms); ${op} not tried`);
      }
    }
    return bounded(op, call, slow);
  };

  const connect = async (): Promise<RedisClientType> => {
    if (!client) {
      const { createClient } = await import('@keyv/redis');
      // A Redis that is down must fail each call within seconds (a clear StoreError to the person), not
      // queue it forever: no offline queue, a connect timeout, no reconnect loop inside one call.
      // Concurrent first calls all await the import: only the first creates the client (and its one listener).
      if (!client) {
        client = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } }) as RedisClientType;
        client.on('error', () => undefined); // reported by each failing call as a StoreError
      }
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
            // Each adapter listens to the shared client (error, connect, disconnect, reconnecting): one more
            // listener per event and collection, a fixed number, not a leak. Raise the bound by exactly that,
            // or Node warns (MaxListenersExceededWarning) once a service has more than ten collections.
            c.setMaxListeners(c.getMaxListeners() + 1);
            const adapter = new KeyvRedis(c, { namespace, throwOnErrors: true, throwOnConnectError: true, connectionTimeout: timeoutMs });
            // Keyv would otherwise set the adapter's namespace to its default "keyv" and mix collections.
            keyv = new Keyv({ store: adapter as KeyvStoreAdapter, namespace, useKeyPrefix: false, throwOnErrors: true, serialize: serializeRecord, deserialize: deserializeRecord });
            keyv.on('error', () => undefined);
            keyvs.set(name, keyv);
          }
          return keyv;
        },
        schema,
        deadline,
      );
    },
    async lock(key, ttlMs, waitMs = 3 * ttlMs) {
      const name = `${prefix}:lock:${key}`;
      const token = randomUUID();
      const started = Date.now();
      let c: RedisClientType;
      try {
        c = await deadline(`lock ${key}`, connect);
        for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
          const held = c;
          const ok = await deadline(`lock ${key}`, () => held.set(name, token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }));
          if (ok === 'OK') break;
          if (Date.now() - started >= waitMs) throw new Error(`still held by another instance after ${waitMs} ms`);
          await sleep(delay);
          c = await deadline(`lock ${key}`, connect);
        }
      } catch (err) {
        if (hung) abandoned.set(name, token);
        throw new StoreError(`lock ${key}`, err);
      }
      // Renewed while held, so a turn longer than ttlMs keeps its lock; a renewal that fails (Redis gone) is
      // simply not repeated: the lock then expires by itself within ttlMs.
      const held = c;
      const renew = setInterval(
        () => {
          void deadline(`renew lock ${key}`, () => held.eval(EXTEND_LOCK, { keys: [name], arguments: [token, String(ttlMs)] })).catch(() => undefined);
        },
        Math.max(50, Math.floor(ttlMs * 0.3)),
      );
      renew.unref();
      // Release only our own lock: after a pause longer than ttlMs another instance may hold it by now.
      return async () => {
        clearInterval(renew);
        await deadline(`unlock ${key}`, () => held.eval(RELEASE_LOCK, { keys: [name], arguments: [token] })).catch(() => {
          // Not released: released when Redis answers again, rather than holding the person for its expiry.
          if (hung) abandoned.set(name, token);
        });
      };
    },
    async close() {
      closed = true;
      const c = client;
      if (!c?.isOpen) return;
      // A Redis that does not answer QUIT is dropped (deadline resets the client) rather than waited for.
      await bounded('quit', () => c.quit()).catch(() => reset(c));
      client = undefined;
    },
  };
}

/** An in-process store (tests, benchmarks baseline). Collections of the same name share their records. */
export function createMemoryStore(): Store {
  const maps = new Map<string, Map<string, unknown>>();
  return {
    kind: 'memory',
    collection(name, schema, options) {
      checkName(name);
      const map = maps.get(name) ?? new Map<string, unknown>();
      maps.set(name, map);
      const keyv = new Keyv({ store: map, namespace: name, throwOnErrors: true, serialize: serializeRecord, deserialize: deserializeRecord });
      const rows: RawRows = {
        get: (key) => map.get(key) as string | undefined,
        set: (key, text) => void map.set(key, text),
        delete: (key) => map.delete(key),
      };
      return direct(name, rows, keyv, schema, options);
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
  /** Longest wait for one Redis call (`REDIS_COMMAND_TIMEOUT_MS`). */
  redisCommandTimeoutMs?: number | undefined;
  sqliteDriver?: SqliteDriver | undefined;
}): Store {
  return opts.redisUrl
    ? createRedisStore(opts.redisUrl, opts.redisPrefix, opts.redisCommandTimeoutMs !== undefined ? { commandTimeoutMs: opts.redisCommandTimeoutMs } : {})
    : createSqliteStore(opts.dataDir, opts.sqliteDriver);
}
