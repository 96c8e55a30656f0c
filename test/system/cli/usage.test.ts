/**
 * A staff member's mistake on the command line is one plain line and the usage on stderr, exit status 2,
 * never a stack trace (real processes, as staff run them).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../src/app.js';

function bot(...args: string[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'layanan-usage-'));
  const res = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/index.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent', REDIS_URL: '' },
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const mistakes: [string[], RegExp][] = [
  [['complaints', 'list', '--bogus'], /^unknown option --bogus$/m],
  [['complaints', 'update', 'ADU-7K3M9Q', '--status'], /^option --status needs a value$/m],
  [['complaints', 'update', 'ADU-7K3M9Q', '--status', 'beres'], /^status: /m],
  [['complaints', 'frobnicate'], /^unknown command "complaints frobnicate"$/m],
  [['closure', 'set', '--services', 'permit', '--until', '2026-02-30'], /until/],
  [['closure', 'set', '--services', 'permit', '--until', '2020-01-01'], /until/],
  [['broadcast', 'send', '--text', 'Halo', '--at', '2020-01-01T08:00'], /at/],
  [['nosuchthing'], /^unknown command "nosuchthing"$/m],
];

describe('CLI mistakes', () => {
  it.each(mistakes)('%j: one line and the usage, exit 2, no stack trace', (args, line) => {
    const { code, stdout, stderr } = bot(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(line);
    expect(stderr).toMatch(/usage: npm run -s bot -- /);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toContain('ZodError');
    expect(stderr).not.toContain('ERR_PARSE_ARGS');
  }, 60_000);

  it('--help of a command is generated from its declaration', () => {
    const { code, stdout } = bot('complaints', 'update', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('usage: npm run -s bot -- complaints update TICKET [--status S] [--note N]');
    expect(stdout).toContain('--by NAME');
  }, 60_000);
});
