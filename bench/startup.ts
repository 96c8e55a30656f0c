/**
 * Start-up of a whole process, as `npm start` runs it (tsx + main.ts), from spawn to the first reply and exit,
 * against a bare `node -e 0` in the same run. Cold = first start (trains and caches the model); warm = later.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../src/app.js';

function timed(args: string[], env: Record<string, string>): number {
  const t0 = performance.now();
  const res = spawnSync(process.execPath, args, { cwd: ROOT, input: 'halo\n', env: { PATH: process.env.PATH ?? '', ...env } });
  if (res.status !== 0) throw new Error(`start failed: ${String(res.stderr)}`);
  return performance.now() - t0;
}

/** Results of the start-up benchmark, in milliseconds. */
export interface StartupBench {
  nodeMs: number;
  coldMs: number;
  warmMs: number;
}

/** Best of a few runs for warm start and bare node; one cold start. */
export function benchStartup(): StartupBench {
  const dir = mkdtempSync(join(tmpdir(), 'layanan-start-'));
  const env = { DATA_DIR: dir, LOG_LEVEL: 'silent' };
  const main = [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/main.ts'];
  try {
    const coldMs = timed(main, env);
    const warmMs = Math.min(timed(main, env), timed(main, env), timed(main, env));
    const nodeMs = Math.min(timed(['-e', '0'], {}), timed(['-e', '0'], {}), timed(['-e', '0'], {}));
    return { nodeMs, coldMs, warmMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
