import { type KubeClient } from '../../../../shared/kube/kube-client.js';
import { NODES } from '../../../../shared/kube/resource-type.js';

export const FAKE_NODE_NAME = 'kwok-node-0';

/** A Node with no kubelet: kwok manages it (by annotation) and plays the kubelet for its Pods. */
export async function createFakeNode(client: KubeClient): Promise<void> {
  await client.create(NODES, undefined, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: FAKE_NODE_NAME,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        'kubernetes.io/hostname': FAKE_NODE_NAME,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        type: 'kwok',
      },
    },
  });
}
