/** Every scenario of the soak, in the order of the report. */
import type { Context, Row } from '../lib/setup.js';
import { killLoop } from './kill.js';

export interface Scenario {
  id: string;
  scenario: string;
  store: Row['store'];
  mode: string;
  /** Hard limits of the scenario (default run, --quick). */
  limitMs: number;
  quickLimitMs: number;
  run(ctx: Context, row: Row): Promise<void>;
}

export const SCENARIOS: Scenario[] = [
  { id: 'kill-sqlite-polling', scenario: 'kill -9 loop', store: 'SQLite', mode: 'polling', limitMs: 120_000, quickLimitMs: 60_000, run: (c, r) => killLoop(c, 'sqlite', 'polling', r, 1_100_000) },
  { id: 'kill-sqlite-webhook', scenario: 'kill -9 loop', store: 'SQLite', mode: 'webhook', limitMs: 120_000, quickLimitMs: 60_000, run: (c, r) => killLoop(c, 'sqlite', 'webhook', r, 1_200_000) },
  { id: 'kill-redis-polling', scenario: 'kill -9 loop', store: 'Redis', mode: 'polling', limitMs: 120_000, quickLimitMs: 60_000, run: (c, r) => killLoop(c, 'redis', 'polling', r, 1_300_000) },
  { id: 'kill-redis-webhook', scenario: 'kill -9 loop', store: 'Redis', mode: 'webhook', limitMs: 120_000, quickLimitMs: 60_000, run: (c, r) => killLoop(c, 'redis', 'webhook', r, 1_400_000) },
];
