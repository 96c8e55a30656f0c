/**
 * `npm run check` keeps the house as drawn (README, "How it works"):
 * - no import cycles in src/;
 * - floors: lib imports only lib; store and nlu import lib; kernel imports lib, store and nlu; features and
 *   channels import those (features never import each other, the runtime or channels; channels never import
 *   the runtime or features); the runtime imports the floors below it but no feature and no channel; the
 *   composition root (app.ts, main.ts, config.ts) and the front-ends on top (cli/, console/: every floor not
 *   listed in ALLOWED) may import anything; nothing in a listed floor may import them. Entry points (`*-cli.ts`) too;
 * - no platform name in code outside src/channels/ (string literals; comments aside).
 * Prints each violation and exits 1, or prints a summary and exits 0.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The floor of a source file: its first folder under src/ (or `root` for files directly in src/). */
function floorOf(file: string): string {
  const rel = relative(SRC, file);
  const first = rel.split('/')[0] ?? '';
  return rel.includes('/') ? first : 'root';
}

/** `features/complaints` for a feature file, the floor otherwise. */
function unitOf(file: string): string {
  const parts = relative(SRC, file).split('/');
  return parts[0] === 'features' || parts[0] === 'channels' ? `${parts[0]}/${parts[1]}` : (parts[0] ?? '');
}

/** What each floor may import (besides itself). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  lib: [],
  store: ['lib'],
  nlu: ['lib'],
  kernel: ['lib', 'store', 'nlu'],
  features: ['kernel', 'lib', 'store', 'nlu'],
  channels: ['kernel', 'lib', 'store'],
  runtime: ['kernel', 'lib', 'store', 'nlu'],
};

const PLATFORMS = /\b(telegram|whatsapp)\b/i;

/** Relative import specifiers of a file (static, dynamic and type-only), resolved to files. */
function imports(file: string, text: string): string[] {
  const out: string[] = [];
  const re = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const m of text.matchAll(re)) {
    const spec = m[1] ?? '';
    out.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  return out;
}

/** String literals (and template pieces) in code, comments excluded. */
function literals(file: string, text: string): { text: string; line: number }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: { text: string; line: number }[] = [];
  const walk = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push({ text: node.text, line });
    }
    // Import specifiers name files, not platforms.
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    ts.forEachChild(node, walk);
  };
  walk(source);
  return found;
}

const problems: string[] = [];
const graph = new Map<string, string[]>();
const all = files(SRC);
let edges = 0;
for (const file of all) {
  const text = readFileSync(file, 'utf8');
  const deps = imports(file, text).filter((d) => d.startsWith(SRC));
  graph.set(file, deps);
  edges += deps.length;
  const floor = floorOf(file);
  // Entry points and the channel registry (which lists the channel modules) may import across units.
  const entry = file.endsWith('-cli.ts') || relative(SRC, file) === 'channels/registry.ts';
  const allowed = ALLOWED[floor];
  for (const dep of deps) {
    const depFloor = floorOf(dep);
    if (!allowed || entry || depFloor === floor) {
      if (allowed && !entry && (floor === 'features' || floor === 'channels') && unitOf(dep) !== unitOf(file)) {
        problems.push(`${relative(ROOT, file)} imports ${relative(ROOT, dep)}: ${floor} never import each other`);
      }
      continue;
    }
    if (!allowed.includes(depFloor)) problems.push(`${relative(ROOT, file)} imports ${relative(ROOT, dep)}: ${floor} must not import ${depFloor}`);
  }
  if (!relative(SRC, file).startsWith('channels/') && !entry) {
    for (const lit of literals(file, text)) {
      if (PLATFORMS.test(lit.text)) problems.push(`${relative(ROOT, file)}:${lit.line}: platform name "${lit.text}" outside src/channels/`);
    }
  }
}

// Cycles: depth-first search, reporting each cycle once by its first file.
const state = new Map<string, 'open' | 'done'>();
const stack: string[] = [];
const visit = (file: string): void => {
  state.set(file, 'open');
  stack.push(file);
  for (const dep of graph.get(file) ?? []) {
    if (state.get(dep) === 'open') {
      const cycle = stack.slice(stack.indexOf(dep)).map((f) => relative(SRC, f));
      problems.push(`import cycle: ${[...cycle, relative(SRC, dep)].join(' → ')}`);
    } else if (!state.has(dep) && graph.has(dep)) visit(dep);
  }
  stack.pop();
  state.set(file, 'done');
};
for (const file of all) if (!state.has(file)) visit(file);

if (problems.length > 0) {
  for (const p of problems) process.stderr.write(`${p}\n`);
  process.stderr.write(`architecture: ${problems.length} problem(s)\n`);
  process.exit(1);
}
process.stdout.write(`architecture: ${all.length} files, ${edges} imports, no cycle, floors respected, no platform name outside src/channels/\n`);
