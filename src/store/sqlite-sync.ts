/**
 * A keyv store adapter over better-sqlite3: the same `KeyvStoreAdapter` interface and the same tables as
 * `@keyv/sqlite` (`key VARCHAR(255) PRIMARY KEY, value TEXT`, keys `<namespace>:<key>`), so a data folder
 * written by one is read by the other. Each call runs synchronously on this thread: when `set` resolves, the
 * row is committed (WAL, synchronous=NORMAL: it survives a killed process). No thread-pool round trip per
 * write, which is most of what a turn cost with the asynchronous `sqlite3` driver.
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import type { KeyvStoreAdapter, StoredData } from 'keyv';

type Database = BetterSqlite3.Database;
type Statement<P extends unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

/** Rows read per query while iterating: the connection is never held by an open cursor between yields. */
const PAGE = 200;

/** How often the background checkpointer folds the WAL back into the database file. */
const CHECKPOINT_EVERY_MS = 1000;
/** A WAL larger than this (a long burst without a pause) is folded back and truncated, briefly holding writers. */
const TRUNCATE_WAL_BYTES = 64 * 2 ** 20;

/**
 * The checkpointer, run in a worker thread on a connection of its own: a checkpoint copies the WAL into the
 * database file and fsyncs it, which takes milliseconds (seconds on a busy disk). Done on the chat thread,
 * as SQLite's automatic checkpoint would, it stalls every chat; in the worker it overlaps the writes.
 */
const CHECKPOINTER = `
const { workerData, parentPort } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Driver = require(workerData.driver);
const db = new Driver(workerData.file, { timeout: workerData.busyTimeoutMs });
setInterval(() => {
  try {
    let size = 0;
    try { size = statSync(workerData.file + '-wal').size; } catch {}
    if (size > workerData.truncateBytes) db.pragma('wal_checkpoint(TRUNCATE)');
    else if (size > 0) db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage(String(err && err.message || err));
  }
}, workerData.everyMs);
`;

/**
 * One SQLite file opened on first use and shared by every table. Opening is retried on each use while it
 * fails (an unwritable DATA_DIR fixed while the bot runs); the error reaches the caller as a rejection.
 * Checkpoints run in a worker thread (see CHECKPOINTER), started at the first write; if it cannot run,
 * SQLite's own checkpoints on this thread take over.
 */
export function lazyDatabase(file: string, busyTimeoutMs = 5000): { get(): Database; startCheckpointer(): void; close(): Promise<void> } {
  const require = createRequire(import.meta.url);
  let db: Database | undefined;
  let checkpointer: Worker | undefined;
  const fallBack = () => {
    db?.pragma('wal_autocheckpoint = 1000');
    void checkpointer?.terminate();
    checkpointer = undefined;
  };
  return {
    get() {
      if (!db) {
        // better-sqlite3 is CommonJS; loaded on first use so a Redis-only process never loads the addon.
        const Driver = require('better-sqlite3') as typeof BetterSqlite3;
        const opened = new Driver(file, { timeout: busyTimeoutMs });
        // WAL lets another process (the CLI) read while the service writes; synchronous=NORMAL is durable
        // across a process kill (only an OS crash or power loss can lose the last commits).
        try {
          opened.pragma('journal_mode = WAL');
          opened.pragma('synchronous = NORMAL');
          opened.pragma('wal_autocheckpoint = 0');
        } catch (err) {
          opened.close();
          throw err;
        }
        db = opened;
      }
      return db;
    },
    startCheckpointer() {
      if (checkpointer || !db) return;
      try {
        checkpointer = new Worker(CHECKPOINTER, {
          eval: true,
          workerData: { driver: require.resolve('better-sqlite3'), file, busyTimeoutMs, everyMs: CHECKPOINT_EVERY_MS, truncateBytes: TRUNCATE_WAL_BYTES },
        });
      } catch {
        fallBack();
        return;
      }
      checkpointer.unref(); // never what keeps the process alive
      checkpointer.on('message', fallBack);
      checkpointer.on('error', fallBack);
    },
    async close() {
      const worker = checkpointer;
      checkpointer = undefined;
      await worker?.terminate();
      // The last connection to close checkpoints the WAL and removes it.
      db?.close();
      db = undefined;
    },
  };
}

/** The statements of one table, prepared once. */
interface Statements {
  get: Statement<[string], { value: string }>;
  upsert: Statement<[string, string]>;
  delete: Statement<[string]>;
  page: Statement<[string, string, string], { key: string; value: string }>;
  clear: Statement<[string, string]>;
}

/** The key just after every `<namespace>:…` key (`;` follows `:`), so a namespace is a key range. */
const rangeEnd = (prefix: string): string => `${prefix.slice(0, -1)};`;

/** `KeyvStoreAdapter` over one table of a better-sqlite3 database. */
export class KeyvBetterSqlite extends EventEmitter implements KeyvStoreAdapter {
  /** `dialect: 'sqlite'` is how Keyv recognises an adapter it can iterate. */
  readonly opts: { dialect: 'sqlite'; table: string; url: string };
  namespace?: string | undefined;
  private statements: Statements | undefined;

  constructor(
    private readonly database: { get(): Database; startCheckpointer?(): void },
    table: string,
  ) {
    super();
    if (!/^[a-z][a-z0-9_]*$/.test(table)) throw new Error(`table name "${table}" must match /^[a-z][a-z0-9_]*$/`);
    this.opts = { dialect: 'sqlite', table, url: `sqlite://${table}` };
  }

  private get sql(): Statements {
    if (this.statements) return this.statements;
    const db = this.database.get();
    const t = this.opts.table;
    db.exec(`CREATE TABLE IF NOT EXISTS ${t}(key VARCHAR(255) PRIMARY KEY, value TEXT )`);
    this.statements = {
      get: db.prepare(`SELECT value FROM ${t} WHERE key = ?`),
      upsert: db.prepare(`INSERT INTO ${t} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`),
      delete: db.prepare(`DELETE FROM ${t} WHERE key = ?`),
      page: db.prepare(`SELECT key, value FROM ${t} WHERE key > ? AND key >= ? AND key < ? ORDER BY key LIMIT ${PAGE}`),
      clear: db.prepare(`DELETE FROM ${t} WHERE key >= ? AND key < ?`),
    };
    return this.statements;
  }

  /** The same rows read and written synchronously, for a collection that calls them without keyv (store.ts). */
  readonly rows = {
    get: (key: string): string | undefined => this.sql.get.get(key)?.value,
    set: (key: string, text: string): void => {
      this.sql.upsert.run(key, text);
      this.database.startCheckpointer?.();
    },
    delete: (key: string): boolean => this.sql.delete.run(key).changes > 0,
  };

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.sql.get.get(key)?.value as StoredData<Value> | undefined;
  }

  async set(key: string, value: unknown): Promise<boolean> {
    // Keyv hands over its serialised string; anything else is stored as JSON the same way.
    this.sql.upsert.run(key, typeof value === 'string' ? value : JSON.stringify(value));
    this.database.startCheckpointer?.();
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.sql.delete.run(key).changes > 0;
  }

  async clear(): Promise<void> {
    const prefix = this.namespace ? `${this.namespace}:` : '';
    this.sql.clear.run(prefix, prefix ? rangeEnd(prefix) : '\u{10FFFF}');
  }

  // No `has`: Keyv would trust it without checking expiry; without it Keyv reads the record and checks.

  /** Every row of the namespace in key order, a page at a time (rows deleted meanwhile are simply not seen). */
  async *iterator<Value>(namespace?: string): AsyncGenerator<[string, Value]> {
    const prefix = namespace ? `${namespace}:` : '';
    const end = prefix ? rangeEnd(prefix) : '\u{10FFFF}';
    let after = '';
    for (;;) {
      const rows = this.sql.page.all(after, prefix, end);
      for (const row of rows) yield [row.key, row.value as Value];
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]?.key ?? after;
    }
  }

  async disconnect(): Promise<void> {
    this.statements = undefined;
  }
}
