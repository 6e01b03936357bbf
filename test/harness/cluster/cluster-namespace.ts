import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { isKubeApiError } from '../../../shared/errors/api-error.js';
import { HttpKubeClient } from '../../../shared/kube/http-kube-client.js';
import { loadConnection } from '../../../shared/kube/load-connection.js';
import { NAMESPACES } from '../../../shared/kube/resource-type.js';

/** Why cluster suites are skipped in this run, or '' when a cluster is there. */
export function clusterUnavailable(): string {
  return inject('clusterUnavailable');
}

/** The TaskAction CRD the cluster serves (ours, or Flyte's S3 or HEAD schema): suites assert what it keeps. */
export function testCrd(): 'ours' | 'flyte-s3' | 'flyte-head' {
  return inject('testCrd');
}

export interface ClusterNamespace {
  readonly kubeconfig: string;
  readonly namespace: string;
  readonly client: HttpKubeClient;
}

/**
 * Gives a test file its own namespace (created before its tests, deleted after), so suites run in parallel
 * without seeing each other's objects. Use inside `describe.skipIf(clusterUnavailable())`.
 */
export function useClusterNamespace(prefix: string): ClusterNamespace {
  const state: { kubeconfig: string; namespace: string; client?: HttpKubeClient } = { kubeconfig: '', namespace: '' };
  beforeAll(async () => {
    state.kubeconfig = inject('kubeconfig');
    state.namespace = `${prefix}-${randomBytes(3).toString('hex')}`.slice(0, 63);
    state.client = new HttpKubeClient(loadConnection({ kubeconfig: state.kubeconfig, namespace: state.namespace }, {}));
    await state.client.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: state.namespace } });
  });
  afterAll(async () => {
    if (!state.client) return;
    await state.client.delete(NAMESPACES, undefined, state.namespace).catch((err: unknown) => {
      if (!(isKubeApiError(err) && err.code === 404)) throw err;
    });
    state.client.close();
  });
  return {
    get kubeconfig() {
      return state.kubeconfig;
    },
    get namespace() {
      return state.namespace;
    },
    get client() {
      if (!state.client) throw new Error('the cluster namespace is only available inside tests');
      return state.client;
    },
  };
}
