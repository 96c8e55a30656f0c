/**
 * `npm run build`: compile src/ to dist/ with tsc (tsconfig.build.json) and copy the data files the code reads
 * beside its compiled module at run time (the lexicon .tsv files, JSON, licences). Builds into a fresh folder
 * and swaps it in, so a process already running from dist/ never sees a half-written tree, and files of
 * deleted sources do not linger. Exported for scripts/run.mjs; run directly, it builds.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
const SRC = join(ROOT, 'src');
/** Written last: its time is the time of the build that dist/ holds. */
export const STAMP = join(DIST, '.build-stamp');
/** Besides src/, what a build depends on. */
const INPUTS = ['tsconfig.json', 'tsconfig.build.json'];

/** Files under `dir`, recursively. */
function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Why dist/ must be (re)built, or undefined when it is up to date with every file in src/. */
export function staleReason() {
  if (!existsSync(STAMP)) return 'dist/ is missing';
  const built = statSync(STAMP).mtimeMs;
  for (const file of [...walk(SRC), ...INPUTS.map((f) => join(ROOT, f))]) {
    if (statSync(file).mtimeMs > built) return `${relative(ROOT, file)} changed since the last build`;
  }
  return undefined;
}

/** Compile and copy assets; throws an Error that says what to do when it cannot. */
export function build() {
  let tsc;
  try {
    tsc = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    throw Object.assign(
      new Error(
        'dist/ must be built but TypeScript is not installed (an install with --omit=dev): run `npm install` ' +
          'and `npm run build` (or copy a dist/ built from this same src/ next to it)',
      ),
      { code: 'NO_TYPESCRIPT' },
    );
  }
  const out = join(ROOT, `dist.build-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  const res = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', out], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (res.status !== 0) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`tsc failed (exit ${res.status ?? res.signal}): fix the errors above, or run \`npm run dev\` meanwhile`);
  }
  // Data files read at run time next to the module that reads them (src/nlu/lexicon/*.tsv, …).
  for (const file of walk(SRC)) {
    if (file.endsWith('.ts')) continue;
    const target = join(out, relative(SRC, file));
    if (!existsSync(target)) cpSync(file, target);
  }
  writeFileSync(join(out, '.build-stamp'), `${new Date().toISOString()}\n`);
  const old = `${DIST}.old-${process.pid}`;
  try {
    renameSync(DIST, old);
  } catch (err) {
    if (err?.code !== 'ENOENT') throw err;
  }
  try {
    renameSync(out, DIST);
  } catch (err) {
    // Another process finished a build of the same sources first: keep its dist/.
    if (err?.code !== 'ENOTEMPTY' && err?.code !== 'EEXIST') throw err;
    rmSync(out, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
}

const LOCK = join(ROOT, 'dist.lock');
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 5 * 60_000;

/**
 * Build unless another process is building the same tree: processes started together on a fresh clone (two
 * `npm start`s, parallel tests) take turns on a lock folder, and whoever comes second finds dist/ up to date.
 */
export async function buildOnce() {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if (err?.code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // removed meanwhile: try again
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    if (staleReason()) build();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const t0 = performance.now();
    await buildOnce();
    process.stderr.write(`layanan-bot: built ${relative(process.cwd(), DIST) || 'dist'}/ in ${Math.round(performance.now() - t0)} ms\n`);
  } catch (err) {
    process.stderr.write(`layanan-bot: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
