import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../src/app.js';

/** Run a project command as staff and automated checks do: real processes, stdin piped, no tokens. */
function run(args: string[], input: string, env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'layanan-cli-'));
  const res = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('CLI', () => {
  it('npm start without tokens runs the console: one message a line, exits after the last reply', () => {
    const { code, stdout } = run(['src/main.ts'], 'halo\nkantor tutup ga?\n');
    expect(code).toBe(0);
    expect(stdout).toContain('selamat datang');
    expect(stdout).toContain('ditiadakan sementara');
  });

  it('chat --json prints exactly one JSON line per input line, nothing else', () => {
    const input = ['halo', '', 'formulir imb dmn', '🙏', 'x'.repeat(100_000)].join('\n') + '\n';
    const { code, stdout } = run(['src/cli/index.ts', 'chat', '--json', '--user', 'tester'], input);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const parsed = lines.map((l) => JSON.parse(l) as { text: string; intent: string; score: number; replies: string[] });
    expect(parsed[0]).toMatchObject({ text: 'halo', intent: 'greeting' });
    expect(parsed[1]?.replies[0]).toContain('kosong');
    expect(parsed[2]?.intent).toBe('form.request');
    expect(parsed[2]?.replies.join('\n')).toContain('formulir-pendaftaran-izin');
    // A recognised message is confident; an empty one is decided before classification (score 0 → the
    // "empty message" reply); every line is answered.
    expect(parsed[0]?.score).toBeGreaterThan(0.5);
    expect(parsed[2]?.score).toBeGreaterThan(0.5);
    for (const p of parsed) expect(p.replies.length).toBeGreaterThan(0);
  });

  it('classify prints {text, intent, score} per line', () => {
    const { code, stdout } = run(['src/cli/index.ts', 'classify'], 'jam buka kantor\ncuaca besok\n');
    expect(code).toBe(0);
    const [a, b] = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(a ?? {})).toEqual(['text', 'intent', 'score']);
    expect(a?.intent).toBe('office.hours');
    expect(b?.intent).toBe('None');
  });

  it('a wrong variable stops start-up with a message naming it', () => {
    const { code, stdout, stderr } = run(['src/main.ts'], '', { TELEGRAM_BOT_TOKEN: 'not-a-token' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('TELEGRAM_BOT_TOKEN');
    expect(stderr).not.toContain('not-a-token');
  });

  it('a broken office file stops start-up with the path of the bad field', () => {
    const { code, stderr } = run(['src/main.ts'], '', { OFFICE_FILE: 'test/fixtures/office-bad.json' });
    expect(code).toBe(2);
    expect(stderr).toContain('office-bad.json');
    expect(stderr).toContain('closure.closedServices.0');
    expect(stderr).toContain('formsPage');
  });
});
