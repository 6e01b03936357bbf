import { type Connection, HttpKubeClient, loadConnection } from '../../../shared/kube/index.js';
import { type ClusterTarget } from './cluster-target.js';

/** A client for the target cluster, resolved by kubectl's rules: what the TaskAction view, executor and enqueue share. */
export interface ClusterConnection {
  client: HttpKubeClient;
  contextName: string;
  namespace: string;
  server: string;
  close(): void;
}

/** Throws the core's `UserError` when no kubeconfig names a cluster (the view then says how to choose one). */
export function connectCluster(target: ClusterTarget, env: Record<string, string | undefined> = process.env): ClusterConnection {
  const connection: Connection = loadConnection(
    {
      ...(target.kubeconfig !== '' ? { kubeconfig: target.kubeconfig } : {}),
      ...(target.context !== '' ? { context: target.context } : {}),
      ...(target.namespace !== '' ? { namespace: target.namespace } : {}),
    },
    env,
  );
  const client = new HttpKubeClient(connection);
  return {
    client,
    contextName: connection.contextName,
    namespace: connection.namespace,
    server: connection.server,
    close: () => client.close(),
  };
}

/** The contexts of the kubeconfig kubectl would read, and which one is current, for the context picker. */
export function kubeconfigContexts(target: ClusterTarget, env: Record<string, string | undefined> = process.env): { names: string[]; current: string } {
  const { kubeConfig } = loadConnection({ ...(target.kubeconfig !== '' ? { kubeconfig: target.kubeconfig } : {}) }, env);
  return { names: kubeConfig.getContexts().map((c) => c.name), current: kubeConfig.getCurrentContext() };
}
