import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../src/app.js';

const SCRIPT = join(ROOT, 'test/complaints/fixtures/burst.ts');
const N = 60;

/** Run the fixture; `killAfterAcks` sends SIGKILL once that many tickets were acknowledged on stdout. */
function run(args: string[], killAfterAcks?: number): Promise<{ lines: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (killAfterAcks && lines.filter((l) => l.startsWith('ACK ')).length === killAfterAcks) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0 && signal === null) reject(new Error(`fixture exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ lines, signal });
    });
  });
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('complaints: a process killed in the middle of a burst', () => {
  it('keeps every acknowledged ticket exactly once after a restart, and the retry creates no duplicate', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adu-crash-'));
    dirs.push(dir);
    const first = await run(['burst', dir, String(N)], 12);
    expect(first.signal).toBe('SIGKILL');
    expect(first.lines).not.toContain('DONE');
    const acked = new Map(first.lines.filter((l) => l.startsWith('ACK ')).map((l) => [l.split(' ')[1], l.split(' ')[2]]));
    expect(acked.size).toBeGreaterThanOrEqual(12);

    // Restart: people left at the confirmation say "ya" again (a retry after the crash).
    const retry = await run(['retry', dir, String(N)]);
    for (const l of retry.lines.filter((x) => x.startsWith('ACK '))) {
      const [, user, ticket] = l.split(' ');
      if (acked.has(user)) expect(ticket).toBe(acked.get(user));
      acked.set(user, ticket);
    }

    const rows = (await run(['dump', dir])).lines.filter((l) => l.startsWith('ROW ')).map((l) => l.split(' '));
    const tickets = rows.map((r) => r[2]);
    expect(new Set(tickets).size).toBe(tickets.length);
    for (const [user, ticket] of acked) {
      expect(rows.filter((r) => r[2] === ticket)).toEqual([['ROW', user, ticket]]);
    }
    // Nobody has two complaints: the draft-id index made retries idempotent across the crash.
    const owners = rows.map((r) => r[1]);
    expect(new Set(owners).size).toBe(owners.length);
    expect(rows.length).toBeLessThan(N);
  });
});
