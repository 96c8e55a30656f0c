/**
 * Start-up of a whole process from spawn to the first reply and exit, and its peak resident memory, as
 * `npm start` runs it now (node + compiled dist/, through scripts/run.mjs) against how it ran before
 * (tsx compiling src/ on the fly), and against a bare `node -e 0`, in the same run. Cold = first start
 * (trains and caches the model); warm = every later start.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../src/app.js';
import { buildOnce } from '../scripts/build.mjs';
import { startFlags } from './engine.js';

interface Run {
  ms: number;
  rssMb: number;
}

const PROBE = join(ROOT, 'bench/rss-probe.mjs');

function timed(args: string[], env: Record<string, string>): Run {
  const t0 = performance.now();
  const res = spawnSync(process.execPath, args, { cwd: ROOT, input: 'halo\n', env: { PATH: process.env.PATH ?? '', ...env } });
  const ms = performance.now() - t0;
  if (res.status !== 0) throw new Error(`start failed: ${String(res.stderr)}`);
  const kb = /LAYANAN_MAX_RSS_KB (\d+)/.exec(String(res.stderr))?.[1];
  return { ms, rssMb: kb ? Number(kb) / 1024 : NaN };
}

const best = (runs: Run[]): Run => ({ ms: Math.min(...runs.map((r) => r.ms)), rssMb: Math.min(...runs.map((r) => r.rssMb)) });

/** One way of starting: cold once, warm best of three. */
export interface StartupRow {
  label: string;
  cold: Run;
  warm: Run;
}

/** Results of the start-up benchmark. */
export interface StartupBench {
  node: Run;
  rows: StartupRow[];
}

/** Compiled start (now), tsx start (before), bare node. */
export async function benchStartup(): Promise<StartupBench> {
  await buildOnce();
  const ways: [string, string[]][] = [
    [`compiled (npm start: node ${startFlags().join(' ')} scripts/run.mjs → dist/main.js)`, [...startFlags(), '--import', PROBE, 'scripts/run.mjs', 'main']],
    // tsx's CLI runs the program in a child process; `--import tsx` is that child, so its memory is measured.
    ['tsx (before: tsx src/main.ts)', ['--import', PROBE, '--import', 'tsx', 'src/main.ts']],
  ];
  const rows: StartupRow[] = [];
  for (const [label, args] of ways) {
    const dir = mkdtempSync(join(tmpdir(), 'layanan-start-'));
    const env = { DATA_DIR: dir, LOG_LEVEL: 'silent' };
    try {
      const cold = timed(args, env);
      const warm = best([timed(args, env), timed(args, env), timed(args, env)]);
      rows.push({ label, cold, warm });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const node = best([timed(['--import', PROBE, '-e', '0'], {}), timed(['--import', PROBE, '-e', '0'], {}), timed(['--import', PROBE, '-e', '0'], {})]);
  return { node, rows };
}
