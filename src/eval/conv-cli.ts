/**
 * `npm run conv:eval [-- FILE…]`: run conversation suites through the real application and print, for each, the
 * share of turns right and each failure (conversation, turn, text, expected, got). Default suites: the blind sets
 * `test/conv/blind/dev.json`, `test.json` and `test3.json` (the test sets were each scored once for a report and are
 * development data from 2026-12-02; the next reported figure comes from a new blind set), else the committed sample
 * `test/conv/sample.json`. Exit code 0 (a measurement, not a gate: the test suite gates the sample).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildClassifier, loadKnowledgeFiles, ROOT } from '../app.js';
import { parseConfig } from '../config.js';
import { formatReport, Suite } from './conv.js';
import { runSuite } from './run.js';

const blind = ['dev.json', 'test.json', 'test3.json'].map((f) => join(ROOT, 'test/conv/blind', f)).filter((f) => existsSync(f));
const args = process.argv.slice(2).map((f) => resolve(f));
const files = args.length > 0 ? args : blind.length > 0 ? blind : [join(ROOT, 'test/conv/sample.json')];

const config = parseConfig({ DATA_DIR: join(ROOT, 'data'), LOG_LEVEL: 'silent' });
const { office, locales } = loadKnowledgeFiles(config);
const classifier = buildClassifier(config, office);
for (const file of files) {
  const suite = Suite.parse(JSON.parse(readFileSync(file, 'utf8')));
  const report = await runSuite({ office, locales, classifier }, suite);
  console.log(`suite: ${file} (${suite.conversations.length} conversations)`);
  console.log(formatReport(report));
  console.log('');
}
