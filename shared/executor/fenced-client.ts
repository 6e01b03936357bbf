import { type KubeClient } from '../kube/index.js';
import { type LeadershipTerm } from './leadership-term.js';

/** A write outside any term: never sent. */
function noTerm(namespace: string | undefined): never {
  throw new Error(`no term of leadership covers ${namespace === undefined ? 'requests across namespaces' : `namespace ${namespace}`}: the write was not sent`);
}

/**
 * The client everything the executor does as leader goes through: every request carries the term's signal (so a
 * lost term cuts off what is in flight), and every write is fenced: the term is checked at the last moment before
 * the request goes on the wire, and a write outside a term is never sent. Watches are the informers' and pass.
 * `term` is asked at each call, with the request's namespace: the term a reconcile started in, or the one current
 * in that namespace for background work (undefined for a read across namespaces, which then carries no signal).
 */
export function fencedClient(client: KubeClient, term: (namespace: string | undefined) => LeadershipTerm | undefined): KubeClient {
  const fence = (namespace: string | undefined) => {
    const current = term(namespace) ?? noTerm(namespace);
    return { signal: current.signal, beforeSend: () => current.guard() };
  };
  const cancel = (namespace: string | undefined) => {
    const signal = term(namespace)?.signal;
    return signal !== undefined ? { signal } : {};
  };
  return {
    namespace: client.namespace,
    get: (type, namespace, name, options) => client.get(type, namespace, name, { ...options, ...cancel(namespace) }),
    list: (type, namespace, options) => client.list(type, namespace, { ...options, ...cancel(namespace) }),
    create: (type, namespace, body, options) => client.create(type, namespace, body, { ...options, ...fence(namespace) }),
    replace: (type, namespace, body, options) => client.replace(type, namespace, body, { ...options, ...fence(namespace) }),
    patch: (type, namespace, name, patch, patchType, options) => client.patch(type, namespace, name, patch, patchType, { ...options, ...fence(namespace) }),
    delete: (type, namespace, name, options) => client.delete(type, namespace, name, { ...options, ...fence(namespace) }),
    watch: (type, namespace, options, onEvent) => client.watch(type, namespace, options, onEvent),
    getRaw: (path, query) => client.getRaw(path, query),
    streamRaw: (path, query, onText) => client.streamRaw(path, query, onText),
  };
}
