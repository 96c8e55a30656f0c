import { defineConfig } from 'vitest/config';

/**
 * Tests in three tiers (vitest projects), all run by `npm test`:
 * - unit: `test/unit/` mirrors `src/` path for path; no store but memory, no server, no process;
 * - integration: the rest of `test/<area>/`: the real app on memory, SQLite and Redis stores, the fake Bot API,
 *   the fake whatsapp-web.js client, the fake Graph API, the console in Chromium;
 * - system: `test/system/`: real processes (CLI spawns, kill -9 crashes, start-up).
 */
export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests share one trained model cache under a temp dir; files run in parallel workers.
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: ['test/unit/**', 'test/system/**', '**/node_modules/**'] },
      },
      // Real processes start tsx and train or load the model: slower on a loaded machine.
      { extends: true, test: { name: 'system', include: ['test/system/**/*.test.ts'], testTimeout: 60_000 } },
    ],
  },
});
