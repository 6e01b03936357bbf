import { type DeleteOptions, type KubeClient, type ListOptions, type PatchOptions, type PatchType, type RequestOptions, type WatchHandle, type WatchOptions, type WriteOptions } from '../../../shared/kube/kube-client.js';
import { type KubeList, type KubeObject, type WatchEvent } from '../../../shared/kube/kube-object.js';
import { type ResourceType, qualifiedPlural } from '../../../shared/kube/resource-type.js';
import { asError } from '../../../shared/errors/error-message.js';
import { InMemoryKubeClient } from '../kube/in-memory-kube-client.js';

/** A write as it reached the "server": method, resource, name, and the fake clock's time. */
export interface ReceivedWrite {
  method: string;
  resource: string;
  name: string;
  atMs: number;
}

/**
 * An in-memory KubeClient behind a network that can be cut: while `cut`, requests are neither answered nor refused
 * (they hang, and they ignore their AbortSignal, as a client stuck in a kernel call would), so only the caller's own
 * deadline can free it. Requests honour `beforeSend` and an already aborted signal like the HTTP client does, and
 * every write that got through is recorded with its time.
 */
export class PartitionableClient implements KubeClient {
  readonly store: InMemoryKubeClient;
  readonly writes: ReceivedWrite[] = [];
  cut = false;

  /** Several clients may share one store: several processes, one API server, each behind its own network. */
  constructor(readonly namespace = 'default', store?: InMemoryKubeClient) {
    this.store = store ?? new InMemoryKubeClient(namespace);
  }

  get<T extends KubeObject>(type: ResourceType, namespace: string | undefined, name: string, options: RequestOptions = {}): Promise<T> {
    return this.send(options, () => this.store.get<T>(type, namespace, name));
  }

  list<T extends KubeObject>(type: ResourceType, namespace: string | undefined, options: ListOptions = {}): Promise<KubeList<T>> {
    return this.send(options, () => this.store.list<T>(type, namespace, options));
  }

  create<T extends KubeObject>(type: ResourceType, namespace: string | undefined, body: T, options: WriteOptions = {}): Promise<T> {
    return this.send(options, () => this.store.create(type, namespace, body), ['create', type, body.metadata.name ?? '']);
  }

  replace<T extends KubeObject>(type: ResourceType, namespace: string | undefined, body: T, options: WriteOptions & { subresource?: 'status' } = {}): Promise<T> {
    return this.send(options, () => this.store.replace(type, namespace, body), ['replace', type, body.metadata.name ?? '']);
  }

  patch<T extends KubeObject>(type: ResourceType, namespace: string | undefined, name: string, patch: unknown, patchType: PatchType, options: PatchOptions = {}): Promise<T> {
    return this.send(options, () => this.store.patch<T>(type, namespace, name, patch, patchType), ['patch', type, name]);
  }

  delete(type: ResourceType, namespace: string | undefined, name: string, options: DeleteOptions = {}): Promise<void> {
    return this.send(options, () => this.store.delete(type, namespace, name), ['delete', type, name]);
  }

  watch<T extends KubeObject>(type: ResourceType, namespace: string | undefined, options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): WatchHandle {
    return this.store.watch(type, namespace, options, onEvent);
  }

  getRaw(path: string): Promise<string> {
    return this.store.getRaw(path);
  }

  streamRaw(path: string): WatchHandle {
    return this.store.streamRaw(path);
  }

  private send<T>(options: RequestOptions, work: () => Promise<T>, write?: [string, ResourceType, string]): Promise<T> {
    if (options.signal?.aborted === true) return Promise.reject(asError(options.signal.reason));
    if (this.cut) return new Promise<T>(() => undefined);
    try {
      options.beforeSend?.();
    } catch (err) {
      return Promise.reject(asError(err));
    }
    if (write !== undefined) this.writes.push({ method: write[0], resource: qualifiedPlural(write[1]), name: write[2], atMs: Date.now() });
    return work();
  }
}
