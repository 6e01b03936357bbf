import { type KubeClient } from '../kube/index.js';
import { type LeadershipTerm } from './leadership-term.js';

/**
 * The client everything the executor does as leader goes through: every request carries the term's signal (so a
 * lost term cuts off what is in flight), and every write is fenced: the term is checked at the last moment before
 * the request goes on the wire, and a write outside a term is never sent. Watches are the informers' and pass.
 * `term` is read at each call: the term a reconcile started in, or the current one for background work.
 */
export function fencedClient(client: KubeClient, term: () => LeadershipTerm): KubeClient {
  const fence = () => {
    const current = term();
    return { signal: current.signal, beforeSend: () => current.guard() };
  };
  return {
    namespace: client.namespace,
    get: (type, namespace, name, options) => client.get(type, namespace, name, { ...options, signal: term().signal }),
    list: (type, namespace, options) => client.list(type, namespace, { ...options, signal: term().signal }),
    create: (type, namespace, body, options) => client.create(type, namespace, body, { ...options, ...fence() }),
    replace: (type, namespace, body, options) => client.replace(type, namespace, body, { ...options, ...fence() }),
    patch: (type, namespace, name, patch, patchType, options) => client.patch(type, namespace, name, patch, patchType, { ...options, ...fence() }),
    delete: (type, namespace, name, options) => client.delete(type, namespace, name, { ...options, ...fence() }),
    watch: (type, namespace, options, onEvent) => client.watch(type, namespace, options, onEvent),
    getRaw: (path, query) => client.getRaw(path, query),
    streamRaw: (path, query, onText) => client.streamRaw(path, query, onText),
  };
}
