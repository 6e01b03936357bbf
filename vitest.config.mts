import { defineConfig } from 'vitest/config';

type ProjectSettings = Record<string, unknown>;

/**
 * A project over `test/<name>/**`. Projects with different worker settings must run as separate groups, in the
 * order given: unit, then cluster, then ui.
 */
function project(name: string, groupOrder: number, settings: ProjectSettings) {
  return { test: { name, include: [`test/${name}/**/*.test.ts`], environment: 'node' as const, sequence: { groupOrder }, ...settings } };
}

// Three projects: pure-logic unit tests; cluster suites that run against a real control plane started once by
// the global setup (test/harness/cluster/global-setup.ts); and the VS Code extension's UI suites, driven in a
// real code-server by Chromium (one server for the whole run, started by test/harness/ui/global-setup.ts).
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      // A few unit tests run the built CLI (argv through the real binary, bundle contents): a process start can
      // take seconds on a loaded machine, so they get more than vitest's 5 s default.
      project('unit', 0, { globalSetup: ['test/helpers/bundles-setup.ts'], testTimeout: 30_000 }),
      project('cluster', 1, {
        globalSetup: ['test/helpers/bundles-setup.ts', 'test/harness/cluster/global-setup.ts'],
        testTimeout: 120_000,
        hookTimeout: 600_000,
        fileParallelism: true,
        maxWorkers: 2,
      }),
      project('ui', 2, {
        // The TaskAction suites also need the control plane; it is shared with the cluster project.
        globalSetup: ['test/harness/ui/global-setup.ts', 'test/harness/ui/cluster-setup.ts'],
        testTimeout: 120_000,
        // Installing code-server the first time takes a few minutes.
        hookTimeout: 900_000,
        // One browser window at a time: each test file opens its own on the shared server.
        fileParallelism: false,
      }),
    ],
  },
});
