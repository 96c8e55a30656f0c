/** Every scenario of the soak, in the order of the report. */
import type { Context, Row } from '../lib/setup.js';
import { duplicates } from './dup.js';
import { killLoop } from './kill.js';
import { load } from './load.js';
import { longComplaints } from './long-complaints.js';
import { redisFault } from './redis-faults.js';
import { staleLock } from './stale-lock.js';
import { twoInstances } from './two.js';

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

/** Citizen ids: each scenario its own range (base), so no two rows ever share a chat. */
export const SCENARIOS: Scenario[] = [
  { id: 'kill-sqlite-polling', scenario: 'kill -9 loop', store: 'SQLite', mode: 'polling', limitMs: 120_000, quickLimitMs: 60_000, run: (c, r) => killLoop(c, 'sqlite', 'polling', r, 1_100_000) },
  { id: 'kill-sqlite-webhook', scenario: 'kill -9 loop', store: 'SQLite', mode: 'webhook', limitMs: 120_000, quickLimitMs: 60_000, run: (c, r) => killLoop(c, 'sqlite', 'webhook', r, 1_200_000) },
  { id: 'kill-redis-polling', scenario: 'kill -9 loop', store: 'Redis', mode: 'polling', limitMs: 120_000, quickLimitMs: 60_000, run: (c, r) => killLoop(c, 'redis', 'polling', r, 1_300_000) },
  { id: 'kill-redis-webhook', scenario: 'kill -9 loop', store: 'Redis', mode: 'webhook', limitMs: 120_000, quickLimitMs: 60_000, run: (c, r) => killLoop(c, 'redis', 'webhook', r, 1_400_000) },
  { id: 'dup-sqlite-polling', scenario: 'duplicate and replayed updates', store: 'SQLite', mode: 'polling', limitMs: 60_000, quickLimitMs: 40_000, run: (c, r) => duplicates(c, 'sqlite', 'polling', r, 2_100_000) },
  { id: 'dup-redis-webhook', scenario: 'duplicate and replayed updates', store: 'Redis', mode: 'webhook', limitMs: 60_000, quickLimitMs: 40_000, run: (c, r) => duplicates(c, 'redis', 'webhook', r, 2_200_000) },
  { id: 'load', scenario: '50 updates/s, Telegram 30/s enforced', store: 'SQLite', mode: 'polling', limitMs: 110_000, quickLimitMs: 70_000, run: (c, r) => load(c, r, 3_000_000) },
  { id: 'two-instances', scenario: 'two instances, one Redis', store: 'Redis', mode: '2 × webhook', limitMs: 70_000, quickLimitMs: 45_000, run: (c, r) => twoInstances(c, r, 4_000_000) },
  { id: 'redis-hung', scenario: 'hung Redis (alive, silent)', store: 'Redis', mode: 'polling', limitMs: 60_000, quickLimitMs: 60_000, run: (c, r) => redisFault(c, 'hung', r, 5_100_000) },
  { id: 'redis-killed', scenario: 'killed Redis (refusing)', store: 'Redis', mode: 'polling', limitMs: 60_000, quickLimitMs: 60_000, run: (c, r) => redisFault(c, 'killed', r, 5_200_000) },
  { id: 'stale-lock', scenario: 'stale lock of a killed instance', store: 'Redis', mode: '2 × webhook', limitMs: 60_000, quickLimitMs: 60_000, run: (c, r) => staleLock(c, r, 6_000_000) },
  { id: 'long-complaints', scenario: 'complaints of every accepted length', store: 'SQLite', mode: 'polling', limitMs: 60_000, quickLimitMs: 60_000, run: (c, r) => longComplaints(c, r, 7_000_000) },
];
