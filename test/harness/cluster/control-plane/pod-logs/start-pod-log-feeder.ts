import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pollUntil } from '../../../../../shared/kube/poll-until.js';
import { repoRoot } from '../../../repo-root.js';
import { type ProcessGroup } from '../process-group.js';

/**
 * Starts the log feeder (`main.ts`) as one more process of the control plane, so it lives as long as kwok does,
 * `npm run cluster:up` included. Returns a wait for its first sync with the API server.
 */
export function startPodLogFeeder(group: ProcessGroup, dir: string, kubeconfig: string): (timeoutMs: number) => Promise<void> {
  const logDir = path.join(dir, 'pod-logs');
  const readyFile = path.join(dir, 'pod-log-feeder.ready');
  mkdirSync(logDir, { recursive: true });
  const main = path.join(repoRoot(), 'test', 'harness', 'cluster', 'control-plane', 'pod-logs', 'main.ts');
  // `--import tsx` resolves from the working directory: the repository's node_modules.
  group.start('pod-log-feeder', process.execPath, ['--import', 'tsx', main, kubeconfig, logDir, readyFile], { cwd: repoRoot() });
  return (timeoutMs) =>
    pollUntil(
      () => {
        group.assertAlive();
        return Promise.resolve(existsSync(readyFile));
      },
      { timeoutMs, what: () => 'the pod log feeder to sync' },
    );
}
