import { spawnSync } from 'node:child_process';
import { type BenchCluster, acquireBenchCluster } from './bench-cluster.js';
import { renderTable } from './table.js';

/**
 * The bench's control plane, or undefined after printing the bench's table as skipped with the reason (no Go and
 * no KUEUE_TEST_KUBECONFIG), so `npm run bench` still shows every bench.
 */
export async function clusterOrSkip(title: string, log: (line: string) => void): Promise<BenchCluster | undefined> {
  const acquired = await acquireBenchCluster(log);
  if (acquired.available) return acquired.cluster;
  process.stdout.write(renderTable({ title, columns: ['benchmark'], rows: [], notes: [`SKIPPED: ${acquired.reason}`] }));
  return undefined;
}

/**
 * Whether kubectl, the baseline of benches that compare with it, can run; otherwise prints the bench's table as
 * skipped and says no.
 */
export function kubectlOrSkip(title: string): boolean {
  if (spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0) return true;
  process.stdout.write(renderTable({ title, columns: ['benchmark'], rows: [], notes: ['SKIPPED: kubectl is not installed (the baseline)'] }));
  return false;
}
