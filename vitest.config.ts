import { defineConfig } from 'vitest/config';

// Unit tests are pure and fast; integration tests start real servers, files and pseudo-terminals.
// Browser (Playwright) suites live in test/e2e and are run by scripts/test.ts, not here.
const SERIAL = ['test/integration/devices/**/*.test.ts', 'test/integration/central/replication.test.ts', 'test/integration/central/recovery.test.ts'];

export default defineConfig({
  test: {
    maxWorkers: 2,
    globalSetup: ['test/support/global-tmp.ts'],
    projects: [
      // 30 s, not vitest's 5: under a busy machine (CI beside other work) a unit test that starts a
      // hub (openapi) or loads electron-builder's schema took over 5 s; a hung test still fails.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      // Two files at a time (one per core): each starts its own hub, central or database on port 0.
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: SERIAL,
          globalSetup: ['test/support/global-postgres.ts'],
          // Every answer to the tests' API calls checked against the served OpenAPI document.
          setupFiles: ['test/support/contract.ts'],
          // A wait for a condition waits as long as a busy machine needs (vitest's default is 1 s).
          expect: { poll: { timeout: 20_000 } },
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      // One file at a time: serial devices on socat pseudo-terminals (timing-sensitive under load),
      // and the replication and recovery tests that restart central on the port it had.
      {
        test: {
          name: 'integration-serial',
          include: SERIAL,
          globalSetup: ['test/support/global-postgres.ts'],
          // Every answer to the tests' API calls checked against the served OpenAPI document.
          setupFiles: ['test/support/contract.ts'],
          // A wait for a condition waits as long as a busy machine needs (vitest's default is 1 s).
          expect: { poll: { timeout: 20_000 } },
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
