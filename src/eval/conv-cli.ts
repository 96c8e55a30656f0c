/**
 * `npm run conv:eval [-- FILE]`: run a conversation suite through the real application and print the share of
 * turns right and each failure (conversation, turn, text, expected, got). Default suite: the blind development
 * set `test/conv/blind/dev.json` (`test.json` beside it was scored once), else the committed
 * sample `test/conv/sample.json`. Exit code 0 (a measurement, not a gate: the test suite gates the sample).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildClassifier, loadKnowledgeFiles, ROOT } from '../app.js';
import { parseConfig } from '../config.js';
import { formatReport, Suite } from './conv.js';
import { runSuite } from './run.js';

const blindDev = join(ROOT, 'test/conv/blind/dev.json');
const file = process.argv[2] ? resolve(process.argv[2]) : existsSync(blindDev) ? blindDev : join(ROOT, 'test/conv/sample.json');

const config = parseConfig({ DATA_DIR: join(ROOT, 'data'), LOG_LEVEL: 'silent' });
const { office, locales } = loadKnowledgeFiles(config);
const suite = Suite.parse(JSON.parse(readFileSync(file, 'utf8')));
const classifier = buildClassifier(config, office);
const report = await runSuite({ office, locales, classifier }, suite);
console.log(`suite: ${file} (${suite.conversations.length} conversations)`);
console.log(formatReport(report));
