import { defineConfig } from 'vitest/config';

// Two projects: pure-logic unit tests, and cluster suites that run against a real control plane
// started once by the global setup (test/cluster/global-setup.ts).
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'cluster',
          include: ['test/cluster/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/cluster/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});
