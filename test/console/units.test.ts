/**
 * The console's parts without a browser: TOTP against RFC 6238's vectors, scrypt, masking and grouping of
 * not-understood texts, the `staff` commands, the same-origin rule (webhook routes exempt), idle sessions.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, totpCode, totpValid, verifyPassword } from '../../src/console/crypto.js';
import { mask } from '../../src/console/observe.js';
import { ConsoleRecords } from '../../src/console/records.js';
import { mountConsole } from '../../src/console/server.js';
import { groupSimilar } from '../../src/console/similar.js';
import { staffCommand } from '../../src/console/staff-cli.js';
import { silentLogger } from '../../src/lib/log.js';
import { createHttpServer, type HttpServer } from '../../src/runtime/http.js';
import { makeBot } from '../support/app.js';

const servers: HttpServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('TOTP (RFC 6238, SHA-1 vectors) and scrypt', () => {
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
  it('gives the RFC codes (last 6 digits) and accepts one step of drift only', () => {
    expect(totpCode(secret, new Date(59_000))).toBe('287082');
    expect(totpCode(secret, new Date(1_111_111_109_000))).toBe('081804');
    expect(totpCode(secret, new Date(2_000_000_000_000))).toBe('279037');
    expect(totpValid(secret, '081804', new Date(1_111_111_109_000 + 30_000))).toBe(true);
    expect(totpValid(secret, '081804', new Date(1_111_111_109_000 + 90_000))).toBe(false);
    expect(totpValid(secret, '', new Date(59_000))).toBe(false);
  });
  it('verifies a scrypt hash only with the same password', async () => {
    const h = await hashPassword('rahasia-panjang-1');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('rahasia-panjang-1', h)).toBe(true);
    expect(await verifyPassword('rahasia-panjang-2', h)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('not-understood texts', () => {
  it('masks e-mails and numbers of 4+ digits, keeps short numbers', () => {
    expect(mask('wa saya 0812-3456-7890 / ayu.k@mail.co.id, lantai 2')).toBe('wa saya [angka] / [email], lantai 2');
  });
  it('groups similar questions', () => {
    const u = (text: string, count: number) => [text, { text, count, lastAt: '2026-12-01T00:00:00Z', marked: null }] as [string, { text: string; count: number; lastAt: string; marked: null }];
    const groups = groupSimilar([u('password wifi kantor apa', 2), u('wifi kantor passwordnya apa ya', 1), u('jual pulsa murah', 1)]);
    expect(groups.map((g) => g.items.map(([, x]) => x.text))).toEqual([['password wifi kantor apa', 'wifi kantor passwordnya apa ya'], ['jual pulsa murah']]);
    expect(groups.map((g) => g.count)).toEqual([3, 1]);
  });
});

describe('staff commands', () => {
  it('adds (one-time password or from stdin), lists, disables, resets; mistakes exit 2', async () => {
    const bot = makeBot();
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) };
    expect(await staffCommand(bot.app, ['add', 'ayu', '--role', 'admin'], io)).toBe(0);
    const oneTime = /One-time password: (\S+)/.exec(out.join(''))?.[1] ?? '';
    expect(oneTime).toHaveLength(16);
    expect(await staffCommand(bot.app, ['add', 'made', '--role', 'operator', '--password-stdin'], io, Readable.from(['rahasia-panjang-1\n']))).toBe(0);
    const records = new ConsoleRecords(bot.store);
    expect((await records.check('made', 'rahasia-panjang-1', await hashPassword('x')))?.role).toBe('operator');
    expect((await records.accounts.get('ayu'))?.mustChange).toBe(true);
    expect(await staffCommand(bot.app, ['add', 'ayu', '--role', 'admin'], io)).toBe(2);
    expect(await staffCommand(bot.app, ['add', 'x y', '--role', 'admin'], io)).toBe(2);
    expect(await staffCommand(bot.app, ['add', 'komang', '--role', 'boss'], io)).toBe(2);
    expect(await staffCommand(bot.app, ['add', 'komang', '--role', 'viewer', '--password-stdin'], io, Readable.from(['short\n']))).toBe(2);
    out.length = 0;
    expect(await staffCommand(bot.app, ['list'], io)).toBe(0);
    expect(out.join('')).toBe('ayu\tadmin\tactive\tmust change password\nmade\toperator\tactive\n');
    expect(await staffCommand(bot.app, ['disable', 'made'], io)).toBe(0);
    expect(await records.check('made', 'rahasia-panjang-1', await hashPassword('x'))).toBeUndefined();
    expect(await staffCommand(bot.app, ['reset', 'nobody'], io)).toBe(2);
    expect(await staffCommand(bot.app, ['reset', 'made'], io)).toBe(0);
    expect((await records.accounts.get('made'))?.disabled).toBe(false);
    expect((await records.auditLog()).map((r) => r.action).sort()).toEqual(['staff_add', 'staff_add', 'staff_disable', 'staff_reset']);
  });
});

describe('the same-origin rule and sessions', () => {
  it('refuses a foreign or missing Origin on any POST, but not on a webhook route; an idle session ends', async () => {
    const bot = makeBot();
    const http = createHttpServer({ host: '127.0.0.1', port: 0 }, silentLogger());
    servers.push(http);
    let clock = new Date('2026-12-01T02:00:00Z');
    const { records } = mountConsole(http, bot.app, { idleMs: 30 * 60_000, dataDir: mkdtempSync(join(tmpdir(), 'lb-')), now: () => clock });
    http.route('POST', '/hook', async () => new Response('hooked'));
    const url = (await http.listen()) ?? '';
    await records.addAccount('ayu', 'admin', 'rahasia-panjang-1', clock);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    for (const path of ['/login', '/closure/reopen', '/no/such/path']) {
      expect((await fetch(`${url}${path}`, { method: 'POST', headers: { ...form, origin: 'http://evil.test' }, body: 'a=1' })).status).toBe(403);
      expect((await fetch(`${url}${path}`, { method: 'POST', headers: form, body: 'a=1' })).status).toBe(403);
    }
    expect(await (await fetch(`${url}/hook`, { method: 'POST', body: '{}' })).text()).toBe('hooked');
    const login = await fetch(`${url}/login`, { method: 'POST', headers: { ...form, origin: url }, body: 'username=ayu&password=rahasia-panjang-1', redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const headers = { cookie: cookie.split(';')[0] ?? '' };
    const home = await fetch(`${url}/`, { headers, redirect: 'manual' });
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    clock = new Date(clock.getTime() + 31 * 60_000);
    expect((await fetch(`${url}/`, { headers, redirect: 'manual' })).headers.get('location')).toBe('/login');
    // Behind TLS the cookie is Secure.
    const tls = await fetch(`${url}/login`, { method: 'POST', headers: { ...form, origin: url.replace('http:', 'https:'), 'x-forwarded-proto': 'https' }, body: 'username=ayu&password=rahasia-panjang-1', redirect: 'manual' });
    expect(tls.headers.get('set-cookie')).toMatch(/Secure/);
  });
});
