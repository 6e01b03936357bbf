import { isKubeApiError } from '../../../../shared/errors/api-error.js';
import { KubeConnectionError } from '../../../../shared/errors/connection-error.js';
import { type KubeClient } from '../../../../shared/kube/kube-client.js';
import { type KubeObject } from '../../../../shared/kube/kube-object.js';
import { pollUntil } from '../../../../shared/kube/poll-until.js';
import { NODES } from '../../../../shared/kube/resource-type.js';
import { type ProcessGroup } from './process-group.js';
import { FAKE_NODE_NAME } from './fake-node.js';

/** `/readyz` answers `ok` (etcd reachable, post-start hooks done, RBAC bootstrapped). */
export async function waitForApiServer(client: KubeClient, group: ProcessGroup, timeoutMs: number): Promise<void> {
  let last = '';
  await pollUntil(
    async () => {
      group.assertAlive();
      try {
        return (await client.getRaw('/readyz')).trim() === 'ok';
      } catch (err) {
        if (err instanceof KubeConnectionError || isKubeApiError(err)) {
          last = err.message.split('\n')[0] ?? '';
          return false;
        }
        throw err;
      }
    },
    { timeoutMs, what: () => `kube-apiserver /readyz (${last})` },
  );
}

interface NodeWithStatus extends KubeObject {
  status?: { conditions?: { type: string; status: string }[] };
}

export async function waitForNodeReady(client: KubeClient, group: ProcessGroup, timeoutMs: number): Promise<void> {
  await pollUntil(
    async () => {
      group.assertAlive();
      const node = await client.get<NodeWithStatus>(NODES, undefined, FAKE_NODE_NAME);
      return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    },
    { timeoutMs, what: () => `node ${FAKE_NODE_NAME} to become Ready (kwok)` },
  );
}
