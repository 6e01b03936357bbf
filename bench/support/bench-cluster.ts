import { randomBytes } from 'node:crypto';
import { acquireTestCluster } from '../../test/harness/cluster/test-cluster.js';
import { isKubeApiError } from '../../shared/errors/api-error.js';
import { HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { NAMESPACES } from '../../shared/kube/resource-type.js';

export interface BenchCluster {
  kubeconfig: string;
  /** Which control plane the numbers come from, for the table's notes. */
  description: string;
  /** A fresh namespace and a client bound to it; every bench (and every round) gets its own. */
  freshNamespace(prefix: string): Promise<{ namespace: string; client: HttpKubeClient }>;
  /** Deletes the namespaces created here, then stops the control plane if this process started it. */
  close(): Promise<void>;
}

export type BenchClusterAvailability = { available: true; cluster: BenchCluster } | { available: false; reason: string };

/**
 * The control plane the tests use (the one in KUEUE_TEST_KUBECONFIG, else the local one started here), started
 * once for all queue benches. Namespaces are deleted only at the end: deleting them between measurements would
 * keep the garbage collector and the namespace controller busy while the next measurement runs.
 */
export async function acquireBenchCluster(log: (line: string) => void): Promise<BenchClusterAvailability> {
  const acquired = await acquireTestCluster(log);
  if (!acquired.available) return acquired;
  const { cluster } = acquired;
  const admin = new HttpKubeClient(loadConnection({ kubeconfig: cluster.kubeconfig }, {}));
  const created: { namespace: string; client: HttpKubeClient }[] = [];
  let version: string;
  try {
    version = (JSON.parse(await admin.getRaw('/version')) as { gitVersion?: string }).gitVersion ?? '?';
  } catch (err) {
    admin.close();
    await cluster.stop();
    throw err;
  }
  return {
    available: true,
    cluster: {
      kubeconfig: cluster.kubeconfig,
      description:
        cluster.source === 'local'
          ? `local control plane (kube-apiserver ${version}, etcd, garbage collector, kwok) on this machine`
          : `the cluster in KUEUE_TEST_KUBECONFIG (${version})`,
      async freshNamespace(prefix) {
        const namespace = `${prefix}-${randomBytes(3).toString('hex')}`.slice(0, 63);
        await admin.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
        const client = new HttpKubeClient(loadConnection({ kubeconfig: cluster.kubeconfig, namespace }, {}));
        created.push({ namespace, client });
        return { namespace, client };
      },
      async close() {
        try {
          for (const { namespace, client } of created) {
            client.close();
            await admin.delete(NAMESPACES, undefined, namespace).catch((err: unknown) => {
              if (!(isKubeApiError(err) && err.code === 404)) throw err;
            });
          }
        } finally {
          admin.close();
          await cluster.stop();
        }
      },
    },
  };
}
