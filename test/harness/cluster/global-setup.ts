import { readdirSync } from 'node:fs';
import path from 'node:path';
import { type TestProject } from 'vitest/node';
import { repoRoot } from '../repo-root.js';
import { shareTestCluster } from './shared-test-cluster.js';
import { type TestCrd, testCrdOfProject } from './test-crd.js';

declare module 'vitest' {
  export interface ProvidedContext {
    kubeconfig: string;
    clusterUnavailable: string;
    /** The TaskAction CRD the cluster serves: suites adapt to what it keeps. */
    testCrd: TestCrd;
  }
}

function countSuites(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && e.name.endsWith('.test.ts')).length;
}

/**
 * Starts (or reuses) one cluster for every cluster suite of the run (and the UI suites) and stops it at the end;
 * the projects `cluster-flyte-s3` and `cluster-flyte-head` each get their own, serving that Flyte CRD.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const crd = testCrdOfProject(project.name);
  const log = (line: string) => process.stderr.write(`[${project.name}] ${line}\n`);
  const { availability, release } = await shareTestCluster(log, crd);
  project.provide('testCrd', crd);
  if (!availability.available) {
    project.provide('kubeconfig', '');
    project.provide('clusterUnavailable', availability.reason);
    return () => {
      const suites = countSuites(path.join(repoRoot(), 'test', 'cluster'));
      process.stderr.write(`\n[${project.name}] SKIPPED ${suites} cluster suite(s): ${availability.reason}. Set KUEUE_TEST_KUBECONFIG or install Go.\n`);
      return Promise.resolve();
    };
  }
  const { cluster } = availability;
  log(cluster.source === 'external' ? `using ${cluster.kubeconfig}` : `local control plane ready in ${cluster.startupMs} ms`);
  project.provide('kubeconfig', cluster.kubeconfig);
  project.provide('clusterUnavailable', '');
  return release;
}
