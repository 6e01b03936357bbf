import { type KubeClient, type KubeObject, type ResourceType } from '../kube/index.js';
import { type PluginKubeClient } from '../plugins/index.js';

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
