/**
 * Surviving WhatsApp and Chromium: disconnects, logouts, auth failures, a crashed or unstartable browser,
 * and a dead browser's profile lock. Each case: a NEW client is built and initialised again, staff are told
 * when a person must act, and the channel answers again afterwards.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay, clearStaleProfileLock } from '../../src/channels/whatsapp/reconnect.js';
import { until } from '../support/fake-whatsapp.js';
import { harness, type Harness } from './harness.js';

const CITIZEN = '6281234567890@c.us';

let h: Harness | undefined;
afterEach(async () => {
  await h?.channel.stop();
  h = undefined;
});

/** The channel answers a citizen through its newest client. */
async function answersAgain(hh: Harness): Promise<void> {
  hh.wa.current.receive(CITIZEN, 'halo');
  await hh.channel.whenIdle();
  expect(hh.wa.current.textsTo(CITIZEN).at(-1)).toContain('selamat datang');
}

describe('WhatsApp reconnection', () => {
  it('builds a new client and initialises it again after a disconnect, then answers again', async () => {
    h = harness();
    await h.start();
    const first = h.wa.current;
    first.emit('disconnected', 'NAVIGATION');
    expect(h.channel.isReady).toBe(false);
    await until(() => h!.wa.clients.length === 2 && h!.channel.isReady, 3000, 'second client ready');
    expect(first.destroyCalls).toBeGreaterThanOrEqual(1);
    expect(h.wa.current).not.toBe(first);
    expect(h.wa.current.initializeCalls).toBe(1);
    // A network blip is not a staff matter.
    expect(h.alerts).toEqual([]);
    await answersAgain(h);
  });

  it('retries a failing initialize() with growing delays, keeps going, and recovers', async () => {
    h = harness({}, { backoff: { initialMs: 5, maxMs: 20, factor: 2 } });
    h.wa.behaviour = { initializeError: new Error('Failed to launch the browser process') };
    await h.start(false); // start() resolves at once although WhatsApp cannot start
    await until(() => h!.wa.clients.length >= 4, 3000, 'four attempts');
    expect(h.wa.clients.every((c) => c.initializeCalls === 1)).toBe(true);
    h.wa.behaviour = {};
    await until(() => h!.channel.isReady, 3000, 'recovered');
    await answersAgain(h);
  });

  it('tells staff when WhatsApp logs the bot out, and pairs again through a new client', async () => {
    h = harness();
    await h.start();
    h.wa.behaviour = { autoReady: false };
    h.wa.current.emit('disconnected', 'LOGOUT');
    await until(() => h!.wa.clients.length === 2, 3000, 'second client');
    expect(h.alerts).toHaveLength(1);
    expect(h.alerts[0]).toContain('WhatsApp mengeluarkan bot (LOGOUT)');
    expect(h.alerts[0]).toContain(join(h.dir, 'whatsapp-qr.png'));
    // The new client asks for a QR scan: the PNG is written; staff were already told, once is enough.
    await until(() => h!.wa.current.initializeCalls === 1, 3000, 'initialize');
    h.wa.current.emit('qr', '2@abcDEF,xyz,123==');
    await until(() => existsSync(join(h!.dir, 'whatsapp-qr.png')), 3000, 'QR PNG');
    expect(h.alerts).toHaveLength(1);
    h.wa.current.emit('ready');
    await until(() => !existsSync(join(h!.dir, 'whatsapp-qr.png')), 3000, 'QR PNG removed');
    await answersAgain(h);
  });

  it('alerts staff once with the QR image path when a fresh start needs pairing', async () => {
    h = harness();
    h.wa.behaviour = { autoReady: false };
    await h.start(false);
    await until(() => h!.wa.clients.at(-1)?.initializeCalls === 1, 3000, 'initialize');
    h.wa.current.emit('qr', 'first-code');
    h.wa.current.emit('qr', 'second-code');
    await until(() => h!.alerts.length === 1, 3000, 'alert');
    expect(h.alerts[0]).toContain('belum tertaut');
    expect(h.alerts[0]).toContain(join(h.dir, 'whatsapp-qr.png'));
    await until(() => existsSync(join(h!.dir, 'whatsapp-qr.png')), 3000, 'QR PNG');
  });

  it('alerts staff on an auth failure and tries again with a new client', async () => {
    h = harness();
    await h.start();
    h.wa.current.emit('auth_failure', 'restore session failed');
    await until(() => h!.wa.clients.length === 2 && h!.channel.isReady, 3000, 'second client ready');
    expect(h.alerts).toHaveLength(1);
    expect(h.alerts[0]).toContain('auth_failure');
    expect(h.alerts[0]).toContain('whatsapp login');
  });

  it('notices a crashed browser and relaunches', async () => {
    h = harness();
    await h.start();
    h.wa.current.pupBrowser?.crash();
    await until(() => h!.wa.clients.length === 2 && h!.channel.isReady, 3000, 'relaunched');
    await answersAgain(h);
  });

  it('kills the browser of a client whose destroy() hangs, and still reconnects', async () => {
    h = harness({}, { destroyTimeoutMs: 10 });
    await h.start();
    const first = h.wa.current;
    const browser = first.pupBrowser;
    first.destroy = () => new Promise<void>(() => undefined);
    first.emit('disconnected', 'CONFLICT');
    await until(() => h!.wa.clients.length === 2 && h!.channel.isReady, 3000, 'reconnected');
    expect(browser?.killed).toBe(true);
  });

  it('ignores events of a replaced client (no double reconnect)', async () => {
    h = harness();
    await h.start();
    const first = h.wa.current;
    first.emit('disconnected', 'NAVIGATION');
    first.emit('disconnected', 'NAVIGATION');
    await until(() => h!.wa.clients.length === 2 && h!.channel.isReady, 3000, 'second client');
    first.emit('auth_failure', 'late');
    await new Promise((r) => setTimeout(r, 30));
    expect(h.wa.clients).toHaveLength(2);
    expect(h.alerts).toEqual([]);
  });

  it('stops reconnecting once stopped, and closes the client', async () => {
    h = harness();
    await h.start();
    const first = h.wa.current;
    await h.channel.stop();
    expect(first.destroyCalls).toBe(1);
    first.emit('disconnected', 'NAVIGATION');
    await new Promise((r) => setTimeout(r, 30));
    expect(h.wa.clients).toHaveLength(1);
  });

  it('refuses send() while reconnecting with a retryable NetworkError', async () => {
    h = harness();
    await h.start();
    h.wa.current.receive(CITIZEN, 'halo');
    await h.channel.whenIdle();
    h.wa.behaviour = { autoReady: false };
    h.wa.current.emit('disconnected', 'TIMEOUT');
    await expect(h.channel.send(`whatsapp:${CITIZEN}`, [{ parts: [{ text: 'x' }] }])).rejects.toMatchObject({
      name: 'NetworkError',
    });
  });
});

describe('backoff', () => {
  it('doubles from the first delay up to the cap, with jitter only downwards', () => {
    const b = { initialMs: 1000, maxMs: 8000, factor: 2 };
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, b, () => 0))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffDelay(2, b, () => 1)).toBe(3200);
  });
});

describe('Chromium profile lock', () => {
  function profile(): string {
    const dir = join(h?.dir ?? harness().dir, 'profile');
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  it('removes a dead browser lock (SingletonLock, SingletonCookie, SingletonSocket)', async () => {
    const dir = profile();
    symlinkSync(`${hostname()}-999999`, join(dir, 'SingletonLock'));
    symlinkSync('1234567890', join(dir, 'SingletonCookie'));
    symlinkSync('/tmp/org.chromium.Chromium.gone/SingletonSocket', join(dir, 'SingletonSocket'));
    writeFileSync(join(dir, 'Preferences'), '{}');
    const out = await clearStaleProfileLock(dir);
    expect(out.removed.sort()).toEqual(['SingletonCookie', 'SingletonLock', 'SingletonSocket']);
    expect(existsSync(join(dir, 'Preferences'))).toBe(true);
    expect((await clearStaleProfileLock(dir)).removed).toEqual([]);
  });

  it('removes a lock left by another host (a container restarted under a new name)', async () => {
    const dir = profile();
    symlinkSync(`some-old-container-${process.pid}`, join(dir, 'SingletonLock'));
    expect((await clearStaleProfileLock(dir)).removed).toEqual(['SingletonLock']);
  });

  it('leaves a lock alone that a live Chromium on this host holds (another bot or "whatsapp login")', async () => {
    const dir = profile();
    // A process named like Chromium: a copy of `sleep` called `chromium`.
    const fake = join(dir, '..', 'chromium');
    copyFileSync('/bin/sleep', fake);
    chmodSync(fake, 0o755);
    const child = spawn(fake, ['30'], { stdio: 'ignore' });
    try {
      await until(() => child.pid !== undefined, 1000, 'spawn');
      symlinkSync(`${hostname()}-${child.pid}`, join(dir, 'SingletonLock'));
      const out = await clearStaleProfileLock(dir);
      expect(out).toEqual({ removed: [], heldByPid: child.pid });
      expect(existsSync(join(dir, 'SingletonLock')) || lstatSync(join(dir, 'SingletonLock')).isSymbolicLink()).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('treats a lock of a live process that is not a browser (a reused pid) as stale', async () => {
    const dir = profile();
    symlinkSync(`${hostname()}-${process.pid}`, join(dir, 'SingletonLock'));
    expect((await clearStaleProfileLock(dir)).removed).toEqual(['SingletonLock']);
  });

  it('starts the channel after removing a stale lock in the session folder', async () => {
    h = harness();
    const dir = join(h.dir, 'whatsapp', 'session');
    mkdirSync(dir, { recursive: true });
    symlinkSync(`${hostname()}-999999`, join(dir, 'SingletonLock'));
    await h.start();
    expect(existsSync(join(dir, 'SingletonLock'))).toBe(false);
  });
});
