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
