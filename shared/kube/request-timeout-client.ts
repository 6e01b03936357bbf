import { type KubeClient } from './kube-client.js';

/**
 * The same client with every request that has an answer (not a watch or a stream, which have their own watchdogs)
 * bounded to `timeoutMs`, or the caller's shorter limit: for a long-running process that must never wait for ever
 * on one request, whatever its connection flags say.
 */
export function withRequestTimeout(client: KubeClient, timeoutMs: number): KubeClient {
  const bound = (limit: number | undefined) => ({ timeoutMs: limit === undefined ? timeoutMs : Math.min(limit, timeoutMs) });
  return {
    namespace: client.namespace,
    get: (type, namespace, name, options) => client.get(type, namespace, name, { ...options, ...bound(options?.timeoutMs) }),
    list: (type, namespace, options) => client.list(type, namespace, { ...options, ...bound(options?.timeoutMs) }),
    create: (type, namespace, body, options) => client.create(type, namespace, body, { ...options, ...bound(options?.timeoutMs) }),
    replace: (type, namespace, body, options) => client.replace(type, namespace, body, { ...options, ...bound(options?.timeoutMs) }),
    patch: (type, namespace, name, patch, patchType, options) => client.patch(type, namespace, name, patch, patchType, { ...options, ...bound(options?.timeoutMs) }),
    delete: (type, namespace, name, options) => client.delete(type, namespace, name, { ...options, ...bound(options?.timeoutMs) }),
    watch: (type, namespace, options, onEvent) => client.watch(type, namespace, options, onEvent),
    getRaw: (path, query) => client.getRaw(path, query),
    streamRaw: (path, query, onText) => client.streamRaw(path, query, onText),
  };
}
