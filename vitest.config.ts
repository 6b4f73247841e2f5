import { defineConfig } from 'vitest/config';

// Unit tests are pure and fast; integration tests start real servers, files and pseudo-terminals.
// Browser (Playwright) suites live in test/e2e and are run by scripts/test.ts, not here.
export default defineConfig({
  test: {
    globalSetup: ['test/support/global-tmp.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-postgres.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
