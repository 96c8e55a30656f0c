import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/app.js';

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
