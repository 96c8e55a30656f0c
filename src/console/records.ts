/**
 * What the staff console keeps in the store (so several instances share it): accounts, sessions, login
 * throttling, the audit log, daily counters of turns and the texts the bot did not understand (masked, capped).
 */
import { AuditLog, AuditRecord } from '../runtime/audit.js';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Role } from '../kernel/operation.js';
import { LayananError } from '../lib/errors.js';
import type { Collection, Store } from '../store/store.js';
import { hashPassword, oneTimePassword, verifyPassword } from './crypto.js';

/** A console login name: lower case letters, digits, `.`, `_`, `-`. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'a username is 2–32 of a-z 0-9 . _ - (starting with a letter or digit)');

export const RoleSchema = z.enum(['viewer', 'operator', 'admin']);

/** A staff account. */
export const Account = z.object({
  username: z.string(),
  role: RoleSchema,
  passwordHash: z.string(),
  /** Set by `staff add` without --password-stdin and by `staff reset`: the password must be changed at login. */
  mustChange: z.boolean(),
  disabled: z.boolean(),
  language: z.enum(['id', 'en']),
  totpSecret: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Account = z.infer<typeof Account>;

/** A login session (the cookie holds its random id). */
export const ConsoleSession = z.object({ username: z.string(), createdAt: z.string(), seenAt: z.string() });
export type ConsoleSession = z.infer<typeof ConsoleSession>;

/** Wrong passwords within the window. */
const Failures = z.object({ count: z.number().int(), first: z.number() });

/** One audit record: who did what, when, and how it went. */
export { AuditRecord };

/** Turns of one office day. */
export const DayStats = z.object({
  turns: z.number().int(),
  notUnderstood: z.number().int(),
  channels: z.record(z.string(), z.number().int()),
  intents: z.record(z.string(), z.number().int()),
});
export type DayStats = z.infer<typeof DayStats>;

/** A text the bot did not understand, masked, counted. */
export const Unknown = z.object({ text: z.string(), count: z.number().int(), lastAt: z.string(), marked: z.string().nullable() });
export type Unknown = z.infer<typeof Unknown>;

/** Password problems a person can fix. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return 'min10';
  if (password.length > 200) return 'max200';
  return undefined;
}

/** Login throttling: this many wrong passwords per account, or per address, within the window → 429. */
export const THROTTLE = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 } as const;

/** Most not-understood texts kept (the least frequent, oldest go first). */
const MAX_UNKNOWN = 500;

/** The console's records over one store. */
export class ConsoleRecords {
  readonly accounts: Collection<Account>;
  readonly sessions: Collection<ConsoleSession>;
  private readonly failures: Collection<z.infer<typeof Failures>>;
  private readonly auditTrail: AuditLog;
  readonly days: Collection<DayStats>;
  readonly unknown: Collection<Unknown>;

  constructor(store: Store) {
    this.accounts = store.collection('console_accounts', Account);
    this.sessions = store.collection('console_sessions', ConsoleSession);
    this.failures = store.collection('console_failures', Failures);
    this.auditTrail = new AuditLog(store);
    this.days = store.collection('console_days', DayStats);
    this.unknown = store.collection('console_unknown', Unknown);
  }

  /** Create an account; with no password a one-time one is generated (and must be changed at first login). */
  async addAccount(name: string, role: Role, password: string | undefined, now: Date): Promise<{ account: Account; oneTime?: string }> {
    const username = Username.parse(name);
    if (await this.accounts.get(username)) throw new AccountProblem(`account "${username}" already exists`);
    const oneTime = password === undefined ? oneTimePassword() : undefined;
    const secret = password ?? oneTime ?? '';
    const problem = password !== undefined ? passwordProblem(password) : undefined;
    if (problem) throw new AccountProblem('the password needs at least 10 characters (at most 200)');
    const at = now.toISOString();
    const account: Account = {
      username,
      role,
      passwordHash: await hashPassword(secret),
      mustChange: password === undefined,
      disabled: false,
      language: 'id',
      totpSecret: null,
      createdAt: at,
      updatedAt: at,
    };
    await this.accounts.set(username, account);
    return { account, ...(oneTime ? { oneTime } : {}) };
  }

  /** Every account, by name. */
  async listAccounts(): Promise<Account[]> {
    const all: Account[] = [];
    for await (const [, a] of this.accounts.entries()) all.push(a);
    return all.sort((a, b) => a.username.localeCompare(b.username));
  }

  /** Change an account (throws when it does not exist). */
  async updateAccount(name: string, change: (a: Account) => Account | Promise<Account>, now: Date): Promise<Account> {
    const username = Username.parse(name);
    const current = await this.accounts.get(username);
    if (!current) throw new AccountProblem(`no account "${username}"`);
    const next = { ...(await change(current)), updatedAt: now.toISOString() };
    await this.accounts.set(username, next);
    return next;
  }

  /** Disable an account and end its sessions. */
  async disable(name: string, now: Date): Promise<Account> {
    const a = await this.updateAccount(name, (x) => ({ ...x, disabled: true }), now);
    await this.endSessionsOf(a.username);
    return a;
  }

  /** A new one-time password (to be changed at next login); ends the account's sessions and enables it again. */
  async reset(name: string, now: Date): Promise<{ account: Account; oneTime: string }> {
    const oneTime = oneTimePassword();
    const passwordHash = await hashPassword(oneTime);
    const account = await this.updateAccount(name, (x) => ({ ...x, passwordHash, mustChange: true, disabled: false }), now);
    await this.endSessionsOf(account.username);
    return { account, oneTime };
  }

  async endSessionsOf(username: string): Promise<void> {
    const ids: string[] = [];
    for await (const [id, s] of this.sessions.entries()) if (s.username === username) ids.push(id);
    for (const id of ids) await this.sessions.delete(id);
  }

  /** Check a password; undefined when wrong (or disabled). */
  async check(username: string, password: string, dummy: string): Promise<Account | undefined> {
    const a = await this.accounts.get(username).catch(() => undefined);
    const ok = await verifyPassword(password, a?.passwordHash ?? dummy);
    return a && ok && !a.disabled ? a : undefined;
  }

  /** A new session id for `username`, kept for the idle timeout. */
  async openSession(username: string, now: Date, idleMs: number): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.sessions.set(id, { username, createdAt: now.toISOString(), seenAt: now.toISOString() }, idleMs);
    return id;
  }

  /** The session's account, touched (its idle timer starts again); undefined when expired or disabled. */
  async resume(id: string, now: Date, idleMs: number): Promise<Account | undefined> {
    if (!/^[A-Za-z0-9_-]{20,80}$/.test(id)) return undefined;
    const s = await this.sessions.get(id);
    if (!s || now.getTime() - Date.parse(s.seenAt) > idleMs) return undefined;
    const a = await this.accounts.get(s.username);
    if (!a || a.disabled) return undefined;
    // Touch at most once a minute: a page with a polling script must not write on every request.
    if (now.getTime() - Date.parse(s.seenAt) > 60_000) await this.sessions.set(id, { ...s, seenAt: now.toISOString() }, idleMs);
    return a;
  }

  async closeSession(id: string): Promise<void> {
    await this.sessions.delete(id);
  }

  /** Whether logins for this account or from this address are throttled now. */
  async throttled(username: string, address: string, now: Date): Promise<boolean> {
    const [u, a] = await Promise.all([this.failures.get(`u:${username}`), this.failures.get(`a:${address}`)]);
    const live = (f: z.infer<typeof Failures> | undefined, max: number) => f !== undefined && now.getTime() - f.first < THROTTLE.windowMs && f.count >= max;
    return live(u, THROTTLE.perAccount) || live(a, THROTTLE.perAddress);
  }

  /** Count a wrong password against the account and the address. */
  async failed(username: string, address: string, now: Date): Promise<void> {
    for (const key of [`u:${username}`, `a:${address}`]) {
      const f = await this.failures.get(key);
      const fresh = !f || now.getTime() - f.first >= THROTTLE.windowMs;
      await this.failures.set(key, fresh ? { count: 1, first: now.getTime() } : { ...f, count: f.count + 1 }, THROTTLE.windowMs);
    }
  }

  /** A right password clears the account's count (not the address's: one good login must not unlock guessing). */
  async succeeded(username: string): Promise<void> {
    await this.failures.delete(`u:${username}`);
  }

  /** Append to the audit log (the one every front-end writes, `src/runtime/audit.ts`). */
  record(entry: AuditRecord): Promise<void> {
    return this.auditTrail.record(entry);
  }

  /** The newest audit records first. */
  auditLog(limit = 300): Promise<AuditRecord[]> {
    return this.auditTrail.list(limit);
  }

  /** Count one turn in its office day. */
  async countTurn(day: string, channel: string, intent: string, understood: boolean): Promise<void> {
    const d = (await this.days.get(day)) ?? { turns: 0, notUnderstood: 0, channels: {}, intents: {} };
    d.turns += 1;
    if (!understood) d.notUnderstood += 1;
    d.channels[channel] = (d.channels[channel] ?? 0) + 1;
    d.intents[intent] = (d.intents[intent] ?? 0) + 1;
    await this.days.set(day, d, 400 * 86_400_000);
  }

  /** Remember a masked text the bot did not understand. */
  async rememberUnknown(masked: string, now: Date): Promise<void> {
    const key = masked.toLowerCase().replace(/\s+/g, ' ').slice(0, 200);
    const u = await this.unknown.get(key);
    if (u) {
      await this.unknown.set(key, { ...u, count: u.count + 1, lastAt: now.toISOString() });
      return;
    }
    const all = await this.unknowns();
    if (all.length >= MAX_UNKNOWN) {
      const drop = [...all].sort((a, b) => a[1].count - b[1].count || a[1].lastAt.localeCompare(b[1].lastAt))[0];
      if (drop) await this.unknown.delete(drop[0]);
    }
    await this.unknown.set(key, { text: masked.slice(0, 500), count: 1, lastAt: now.toISOString(), marked: null });
  }

  async unknowns(): Promise<[string, Unknown][]> {
    const all: [string, Unknown][] = [];
    for await (const e of this.unknown.entries()) all.push(e);
    return all;
  }
}

/** A mistake in an account command (shown as one line with what to do). */
export class AccountProblem extends LayananError {
  constructor(message: string) {
    super(message, 'see `npm run -s bot -- staff --help`');
  }
}
