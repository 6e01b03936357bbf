import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { HttpKubeClient } from '../../../shared/kube/http-kube-client.js';
import { loadConnection } from '../../../shared/kube/load-connection.js';
import { ensureControlPlaneBinaries } from './control-plane/binaries.js';
import { installCrds } from './control-plane/install-crds.js';
import { startLocalControlPlane } from './control-plane/local-control-plane.js';
import { killPidsNow, stopPids } from './control-plane/process-group.js';
import { forgetRun, reapOrphanedRuns, recordRun } from './control-plane/run-registry.js';
import { type TestCrd, testCrdFromEnv } from './test-crd.js';

export interface TestCluster {
  kubeconfig: string;
  source: 'external' | 'local';
  /** Local control plane only: time to start it, and to build its binaries if they were not cached. */
  startupMs?: number;
  stop(): Promise<void>;
}

export type ClusterAvailability = { available: true; cluster: TestCluster } | { available: false; reason: string };

/** Set by `.ci/run`: a cluster suite that cannot get a cluster fails instead of being skipped. */
export function clusterRequired(): boolean {
  return process.env['KUEUE_REQUIRE_CLUSTER'] === '1' || process.env['CI'] === 'true';
}

/**
 * The single entry point to a Kubernetes cluster for tests: the cluster named by KUEUE_TEST_KUBECONFIG,
 * else the local control plane (built once from Go modules, cached), with the project's CRDs installed (the TaskAction CRD
 * chosen by `crd`: ours, or Flyte's S3 or HEAD schema).
 */
export async function acquireTestCluster(log: (line: string) => void, crd: TestCrd = testCrdFromEnv()): Promise<ClusterAvailability> {
  const external = process.env['KUEUE_TEST_KUBECONFIG'];
  if (external) {
    const client = new HttpKubeClient(loadConnection({ kubeconfig: external }));
    try {
      await installCrds(client, crd);
    } finally {
      client.close();
    }
    return { available: true, cluster: { kubeconfig: external, source: 'external', stop: async () => {} } };
  }
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) {
    const reason = 'neither KUEUE_TEST_KUBECONFIG nor Go (to build the local control plane) is available';
    if (clusterRequired()) throw new Error(`cluster suites cannot run: ${reason}`);
    return { available: false, reason };
  }
  const reaped = reapOrphanedRuns();
  if (reaped > 0) log(`stopped ${reaped} control plane(s) left behind by interrupted runs`);

  const bin = await ensureControlPlaneBinaries(log);
  let pids: number[] = [];
  let dir = '';
  // One run may hold a control plane per CRD kind: each is recorded under its own key.
  const runKey = `${process.pid}-${crd}`;
  const killOnExit = () => {
    killPidsNow(pids);
    if (dir) rmSync(dir, { recursive: true, force: true });
    forgetRun(runKey);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    killOnExit();
    process.kill(process.pid, signal);
  };
  process.once('exit', killOnExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const plane = await startLocalControlPlane(bin, log, (started, startedDir) => {
    pids = started;
    dir = startedDir;
    recordRun({ ownerPid: process.pid, pids, dir }, runKey);
  }, crd);
  return {
    available: true,
    cluster: {
      kubeconfig: plane.kubeconfig,
      source: 'local',
      startupMs: plane.startupMs,
      stop: async () => {
        await stopPids(plane.pids);
        rmSync(plane.dir, { recursive: true, force: true });
        forgetRun(runKey);
        process.off('exit', killOnExit);
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      },
    },
  };
}
