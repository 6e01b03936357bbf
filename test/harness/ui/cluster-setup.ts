import { readdirSync } from 'node:fs';
import path from 'node:path';
import { type TestProject } from 'vitest/node';
import { repoRoot } from '../repo-root.js';
import { shareTestCluster } from '../cluster/shared-test-cluster.js';
import { testCrdOfProject } from '../cluster/test-crd.js';

/**
 * The UI suites' cluster: the same control plane the cluster suites use (started once per run), handed to the UI
 * test files under the same names (`kubeconfig`, `clusterUnavailable`), so `useClusterNamespace` works in them.
 * Without a cluster the TaskAction UI suites are skipped with the reason.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string) => process.stderr.write(`[ui cluster] ${line}\n`);
  const crd = testCrdOfProject(project.name);
  const { availability, release } = await shareTestCluster(log, crd);
  project.provide('testCrd', crd);
  if (!availability.available) {
    project.provide('kubeconfig', '');
    project.provide('clusterUnavailable', availability.reason);
    return async () => {
      await release();
      const suites = readdirSync(path.join(repoRoot(), 'test', 'ui')).filter((f) => /^task-action-.*\.test\.ts$/.test(f)).length;
      process.stderr.write(`\n[ui cluster] SKIPPED ${suites} TaskAction UI suite(s): ${availability.reason}\n`);
    };
  }
  project.provide('kubeconfig', availability.cluster.kubeconfig);
  project.provide('clusterUnavailable', '');
  return release;
}
