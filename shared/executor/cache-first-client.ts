import { type KubeClient } from '../kube/kube-client.js';
import { type KubeObject } from '../kube/kube-object.js';
import { type ResourceType } from '../kube/resource-type.js';
import { type PluginKubeClient } from '../plugins/plugin-kube-client.js';

/** Where the executor keeps the objects it watches for plugins. */
export interface ObjectCache {
  get(type: ResourceType, namespace: string, name: string): KubeObject | undefined;
}

/**
 * The client plugins get: reads of a watched type come from the executor's watch cache when the object is there
 * (no request per round), and from the API server otherwise (an object created a moment ago may not have reached
 * the cache yet). Everything else goes straight to the API server.
 */
export function cacheFirstClient(client: KubeClient, cache: ObjectCache): PluginKubeClient {
  return {
    get: <T extends KubeObject>(type: ResourceType, namespace: string | undefined, name: string): Promise<T> => {
      const cached = cache.get(type, namespace ?? client.namespace, name);
      if (cached !== undefined) return Promise.resolve(cached as T);
      return client.get<T>(type, namespace, name);
    },
    create: (type, namespace, body, options) => client.create(type, namespace, body, options),
    patch: (type, namespace, name, patch, patchType, options) => client.patch(type, namespace, name, patch, patchType, options),
    delete: (type, namespace, name, options) => client.delete(type, namespace, name, options),
  };
}
