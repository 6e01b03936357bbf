import { type KubeClient } from '../kube/kube-client.js';
import { type KubeObject } from '../kube/kube-object.js';
import { type Pod } from '../kube/pod.js';
import { PODS } from '../kube/resource-type.js';
import { type PluginKubeClient } from '../plugins/plugin-kube-client.js';

/** Where the executor keeps the Pods it watches. */
export interface PodCache {
  get(namespace: string | undefined, name: string): Pod | undefined;
}

/**
 * The client plugins get: Pod reads come from the executor's watch cache when the Pod is there (no request per
 * round), and from the API server otherwise (a Pod created a moment ago may not have reached the cache yet).
 * Everything else goes straight to the API server.
 */
export function cacheFirstClient(client: KubeClient, pods: PodCache | undefined): PluginKubeClient {
  return {
    get: <T extends KubeObject>(type: Parameters<KubeClient['get']>[0], namespace: string | undefined, name: string): Promise<T> => {
      if (pods !== undefined && type.kind === PODS.kind && type.group === PODS.group) {
        const cached = pods.get(namespace ?? client.namespace, name);
        if (cached !== undefined) return Promise.resolve(cached as unknown as T);
      }
      return client.get<T>(type, namespace, name);
    },
    create: (type, namespace, body, options) => client.create(type, namespace, body, options),
    patch: (type, namespace, name, patch, patchType, options) => client.patch(type, namespace, name, patch, patchType, options),
    delete: (type, namespace, name, options) => client.delete(type, namespace, name, options),
  };
}
