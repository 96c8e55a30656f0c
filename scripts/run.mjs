/**
 * `npm start` / `npm run bot`: run the compiled program from dist/, building it first when dist/ is missing or
 * older than any file in src/ (so `npm install && npm start` works on a fresh clone). Usage:
 * `node scripts/run.mjs main|cli [args…]`; the program sees only its own args in process.argv.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { DIST, STAMP, buildOnce, staleReason } from './build.mjs';

const ENTRIES = { main: 'main.js', cli: 'cli/index.js' };
const entry = ENTRIES[process.argv[2] ?? ''];
if (!entry) {
  process.stderr.write(`usage: node scripts/run.mjs ${Object.keys(ENTRIES).join('|')} [args…]\n`);
  process.exit(2);
}
process.argv.splice(2, 1);

const reason = staleReason();
if (reason) {
  process.stderr.write(`layanan-bot: building dist/ (${reason})…\n`);
  try {
    await buildOnce();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // A production install (no TypeScript) whose deployed src/ looks newer than its dist/ runs what it has.
    if (err?.code !== 'NO_TYPESCRIPT' || !existsSync(STAMP)) {
      process.stderr.write(`layanan-bot: ${message}\n`);
      process.exit(1);
    }
    process.stderr.write(`layanan-bot: warning: ${message}; running the dist/ that is there\n`);
  }
}
await import(pathToFileURL(join(DIST, entry)).href);
