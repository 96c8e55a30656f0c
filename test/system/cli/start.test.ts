import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../src/app.js';

const env = () => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  DATA_DIR: mkdtempSync(join(tmpdir(), 'layanan-start-')),
  LOG_LEVEL: 'warn',
  // No HTTP server: another process on this machine (a test, a running service) may hold the default port 8080.
  CONSOLE_PORT: '0',
});

describe('npm start runs the compiled program', () => {
  it('builds dist/ when it is missing or older than src/, then answers from it', () => {
    const res = spawnSync(process.execPath, ['scripts/run.mjs', 'main'], { cwd: ROOT, input: 'halo\n', encoding: 'utf8', env: env(), timeout: 120_000 });
    expect(res.stderr).not.toMatch(/error|Error/);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('selamat datang');
  }, 150_000);

  it('ends quietly (exit 0, no EPIPE stack) when its reader goes away (`npm start | head -1`)', async () => {
    const child = spawn(process.execPath, ['scripts/run.mjs', 'main'], { cwd: ROOT, env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.on('error', () => undefined);
    child.stdin.end('halo\n'.repeat(2000));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  }, 150_000);
});

describe('npm start with a store it cannot reach', () => {
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');

  it('says so in one line naming REDIS_URL and exits 2 (refused connection)', () => {
    const res = spawnSync(tsx, ['src/main.ts'], {
      cwd: ROOT,
      input: 'halo\n',
      encoding: 'utf8',
      env: { ...env(), REDIS_URL: 'redis://:secret@127.0.0.1:1', CONSOLE_PORT: '0' },
      timeout: 60_000,
    });
    expect(res.status).toBe(2);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^layanan-bot: the store does not answer: REDIS_URL=redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
    expect(res.stderr).not.toContain('secret');
    expect(res.stdout).toBe('');
  });

  it('does the same within seconds when Redis accepts connections but never answers', async () => {
    const { createServer } = await import('node:net');
    const sockets = new Set<import('node:net').Socket>();
    const server = createServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as import('node:net').AddressInfo).port;
    try {
      const started = Date.now();
      const child = spawn(tsx, ['src/main.ts'], {
        cwd: ROOT,
        env: { ...env(), REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_COMMAND_TIMEOUT_MS: '500', CONSOLE_PORT: '0' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdin.end('halo\n');
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      expect(code).toBe(2);
      expect(stderr).toMatch(/REDIS_URL=redis:\/\/127\.0\.0\.1:\d+ \(.*REDIS_COMMAND_TIMEOUT_MS/);
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  }, 60_000);
});
