/**
 * `npm run soak [-- --quick] [--only NAME[,NAME…]] [--json FILE] [--seed N] [--keep]`: the project's own
 * reliability suite, loopback only. The bot runs as real child processes (`node dist/main.js`, built first when
 * stale) against a fake Telegram Bot API on 127.0.0.1 that enforces Telegram's limits; SQLite rows use a temp
 * DATA_DIR, Redis rows (when REDIS_URL, else 127.0.0.1:6379, answers) a prefix of their own that is deleted
 * afterwards. Each citizen's chat is judged against an oracle: the same messages through the app in-process on
 * a memory store. Prints one table of figures against the aims (see README, "Reliability (npm run soak)").
 * Bounded: every scenario has a deadline, the whole run too; Ctrl-C and failures clean up children, temp dirs
 * and Redis keys. Exit status: 0 when the run completed (whatever the figures), 1 when it could not.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildOnce, staleReason } from '../scripts/build.mjs';
import { ROOT } from './lib/bot.js';
import { cleanupAll, cleanupDir, killNow, onCleanup } from './lib/cleanup.js';
import { Oracle } from './lib/oracle.js';
import { redisAnswers, redisUrl } from './lib/redis.js';
import { findings, table, verdictOf } from './lib/report.js';
import { MODEL_CACHE, STAFF_ENV, type Context, type Row } from './lib/setup.js';
import { SCENARIOS } from './scenarios/index.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    json: { type: 'string' },
    seed: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    `usage: npm run soak [-- --quick] [--only NAME[,NAME…]] [--json FILE] [--seed N] [--keep]\n\nscenarios (--only takes a name or its start, e.g. kill):\n${SCENARIOS.map((s) => `  ${s.id.padEnd(22)} ${s.scenario} · ${s.store} · ${s.mode}`).join('\n')}\n`,
  );
  process.exit(0);
}

const quick = values.quick ?? false;
/** The whole run's hard limit. */
const RUN_LIMIT_MS = quick ? 4 * 60_000 : 9 * 60_000;
const log = (s: string) => void process.stderr.write(`soak: ${s}\n`);

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    log(`${signal}: cleaning up…`);
    void cleanupAll().finally(() => process.exit(130));
  });
}
process.on('exit', killNow);

async function main(): Promise<number> {
  const started = Date.now();
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const chosen = SCENARIOS.filter((s) => !only || only.some((o) => s.id === o || s.id.startsWith(o)));
  if (chosen.length === 0) {
    log(`no scenario matches --only ${values.only}; see --help`);
    return 2;
  }
  const reason = staleReason();
  if (reason) {
    log(`building dist/ (${reason})…`);
    await buildOnce();
  }
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const dir = mkdtempSync(join(tmpdir(), 'layanan-soak-'));
  if (values.keep) log(`keeping ${dir} (logs, data)`);
  else cleanupDir(dir);
  const url = redisUrl();
  const redisOk = await redisAnswers(url);
  log(redisOk ? `Redis at ${url}: prefix soak:${runId}:*` : `no Redis at ${url}: Redis rows skipped`);
  const oracle = Oracle.create(STAFF_ENV);
  onCleanup('close the oracle', () => oracle.close());
  const ctx: Context = {
    runId,
    quick,
    keep: values.keep ?? false,
    seed: Number(values.seed ?? 20_201_020),
    dir,
    logDir: dir,
    redis: { url, ok: redisOk },
    oracle,
    modelFile: MODEL_CACHE,
  };
  const rows: Row[] = [];
  for (const s of chosen) {
    if (interrupted) break;
    const row: Row = { id: s.id, scenario: s.scenario, store: s.store, mode: s.mode, figures: [], notes: [], seconds: 0 };
    rows.push(row);
    const t0 = Date.now();
    if (s.store === 'Redis' && !redisOk) {
      row.skipped = `no Redis at ${url}`;
      continue;
    }
    const left = RUN_LIMIT_MS - (Date.now() - started);
    const limit = Math.min(quick ? s.quickLimitMs : s.limitMs, left);
    if (limit < 10_000) {
      row.skipped = 'the run is out of time';
      continue;
    }
    log(`${s.id}…`);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        s.run(ctx, row),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`over its limit of ${Math.round(limit / 1000)} s`)), limit))),
      ]);
    } catch (err) {
      row.error = err instanceof Error ? err.message : String(err);
      // A scenario cut short leaves its children and keys: undo them before the next one.
      await cleanupAll();
      if (!values.keep) cleanupDir(dir);
      onCleanup('close the oracle', () => oracle.close());
    } finally {
      clearTimeout(timer);
      row.seconds = (Date.now() - t0) / 1000;
    }
    log(`${s.id}: ${verdictOf(row)} (${row.seconds.toFixed(0)} s)`);
  }
  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  const heading = `layanan-bot soak ${quick ? '--quick ' : ''}· ${new Date().toISOString().slice(0, 16)}Z · commit ${commit} · seed ${ctx.seed} · ${((Date.now() - started) / 1000).toFixed(0)} s`;
  process.stdout.write(`\n${heading}\n\n${table(rows)}\n\n${findings(rows)}\n`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ heading, commit, quick, seed: ctx.seed, rows }, null, 2)}\n`);
  return 0;
}

main()
  .catch((err: unknown) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    return 1;
  })
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  });
