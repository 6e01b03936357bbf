import { defineConfig } from 'vitest/config';

type ProjectSettings = Record<string, unknown>;

/**
 * A project over `test/<name>/**`. Projects with different worker settings must run as separate groups, in the
 * order given: unit, then cluster (ours, Flyte S3, Flyte HEAD), then ui.
 */
function project(name: string, groupOrder: number, settings: ProjectSettings, dir = name) {
  return { test: { name, include: [`test/${dir}/**/*.test.ts`], environment: 'node' as const, sequence: { groupOrder }, ...settings } };
}

const clusterSettings: ProjectSettings = {
  globalSetup: ['test/helpers/bundles-setup.ts', 'test/harness/cluster/global-setup.ts'],
  testTimeout: 120_000,
  hookTimeout: 600_000,
  fileParallelism: true,
  maxWorkers: 2,
};

// The cluster suites again under Flyte's own TaskAction CRDs (S3 and HEAD schemas, test/fixtures/crds/), each on
// its own control plane: every suite that touches TaskActions, except the two about Pod conversion (no
// TaskActions) and install.test.ts, which installs our CRD (there install refuses to replace Flyte's without
// --force; install-foreign-crd.test.ts covers that).
const FLYTE_CRD_EXCLUDE = ['test/cluster/convert-apply.test.ts', 'test/cluster/status.test.ts', 'test/cluster/install.test.ts'];
const flyteHeadSettings: ProjectSettings = { ...clusterSettings, exclude: FLYTE_CRD_EXCLUDE };
// S3's CRD predates condition actions (it requires a task template and keeps no signal): the ActionsService suite
// checks that it refuses them, so the suite that executes them runs under ours and HEAD's only.
const flyteS3Settings: ProjectSettings = { ...clusterSettings, exclude: [...FLYTE_CRD_EXCLUDE, 'test/cluster/condition-actions.test.ts'] };

// The projects: pure-logic unit tests; cluster suites that run against a real control plane started once by
// the global setup (test/harness/cluster/global-setup.ts), under our CRD and under Flyte's two; and the VS Code
// extension's UI suites, driven in a real code-server by Chromium (one server for the whole run, started by
// test/harness/ui/global-setup.ts).
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      // A few unit tests run the built CLI (argv through the real binary, bundle contents): a process start can
      // take seconds on a loaded machine, so they get more than vitest's 5 s default.
      project('unit', 0, { globalSetup: ['test/helpers/bundles-setup.ts'], testTimeout: 30_000 }),
      project('cluster', 1, clusterSettings),
      project('cluster-flyte-s3', 2, flyteS3Settings, 'cluster'),
      project('cluster-flyte-head', 3, flyteHeadSettings, 'cluster'),
      project('ui', 4, {
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
