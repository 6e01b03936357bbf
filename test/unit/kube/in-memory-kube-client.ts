import { KubeApiError } from '../../../shared/errors/api-error.js';
import { type KubeClient, type ListOptions, type WatchHandle, type WatchOptions } from '../../../shared/kube/kube-client.js';
import { type KubeList, type KubeObject, type WatchEvent } from '../../../shared/kube/kube-object.js';
import { keyOf, objectKey } from '../../../shared/kube/object-key.js';
import { type ResourceType, qualifiedPlural } from '../../../shared/kube/resource-type.js';

interface Watcher {
  resource: string;
  namespace: string | undefined;
  labelSelector: string | undefined;
  onEvent: (event: WatchEvent<KubeObject>) => void;
  stop: () => void;
}

/** `a=b,c==d`: the equality terms unit tests use; anything else is a mistake in the test. */
function matchesSelector(object: KubeObject, selector: string | undefined): boolean {
  if (selector === undefined || selector === '') return true;
  return selector.split(',').every((term) => {
    const match = /^([^=!]+)==?([^=]*)$/.exec(term.trim());
    if (match === null) throw new Error(`the in-memory client understands only key=value selectors, not "${term}"`);
    return object.metadata.labels?.[match[1] as string] === match[2];
  });
}

/** RFC 7386: objects merge key by key, `null` removes, anything else replaces. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/**
 * A KubeClient kept in memory, for unit tests of the logic above the client (the executor's wiring, caches):
 * objects by resource type, `key=value` label selectors, resource versions that grow with every write (a stale one
 * is a 409 Conflict), and watches that see every later write. It is not Kubernetes: no validation, defaulting,
 * admission or garbage collection; those are tested against the real control plane.
 */
export class InMemoryKubeClient implements KubeClient {
  /** Every list and watch asked for, as `list pods flyte app=x`, for tests of what was watched. */
  readonly requests: string[] = [];
  private readonly stores = new Map<string, Map<string, KubeObject>>();
  private readonly watchers = new Set<Watcher>();
  private revision = 0;
  private uids = 0;

  constructor(readonly namespace = 'default') {}

  /** Stores an object as a create would, without the request being recorded. */
  seed<T extends KubeObject>(type: ResourceType, object: T): T {
    return this.write(type, 'ADDED', structuredClone(object));
  }

  get<T extends KubeObject>(type: ResourceType, namespace: string | undefined, name: string): Promise<T> {
    const stored = this.store(type).get(keyOf(namespace ?? '', name));
    if (stored === undefined) return Promise.reject(new KubeApiError(404, 'NotFound', `${qualifiedPlural(type)} "${name}" not found`));
    return Promise.resolve(structuredClone(stored) as T);
  }

  list<T extends KubeObject>(type: ResourceType, namespace: string | undefined, options: ListOptions = {}): Promise<KubeList<T>> {
    this.requests.push(['list', qualifiedPlural(type), namespace ?? '(all)', options.labelSelector ?? ''].join(' ').trim());
    const items = [...this.store(type).values()].filter((object) => this.selects(object, namespace, options.labelSelector));
    return Promise.resolve({ metadata: { resourceVersion: String(this.revision) }, items: structuredClone(items) as T[] });
  }

  create<T extends KubeObject>(type: ResourceType, namespace: string | undefined, body: T): Promise<T> {
    const object = structuredClone(body);
    object.metadata.namespace ??= namespace;
    if (this.store(type).has(objectKey(object))) {
      return Promise.reject(new KubeApiError(409, 'AlreadyExists', `${qualifiedPlural(type)} "${object.metadata.name ?? ''}" already exists`));
    }
    return Promise.resolve(structuredClone(this.write(type, 'ADDED', object)));
  }

  async replace<T extends KubeObject>(type: ResourceType, namespace: string | undefined, body: T): Promise<T> {
    const current = await this.get<T>(type, namespace ?? body.metadata.namespace, body.metadata.name ?? '');
    this.checkVersion(type, current, body.metadata.resourceVersion);
    const object = structuredClone(body);
    object.metadata.uid = current.metadata.uid;
    return structuredClone(this.write(type, 'MODIFIED', object));
  }

  async patch<T extends KubeObject>(type: ResourceType, namespace: string | undefined, name: string, patch: unknown, patchType: string): Promise<T> {
    if (patchType !== 'merge') throw new Error(`the in-memory client applies only merge patches, not ${patchType}`);
    const current = await this.get<T>(type, namespace, name);
    const wanted = (patch as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
    this.checkVersion(type, current, wanted);
    return structuredClone(this.write(type, 'MODIFIED', mergePatch(current, patch) as T));
  }

  async delete(type: ResourceType, namespace: string | undefined, name: string): Promise<void> {
    const current = await this.get(type, namespace, name);
    this.store(type).delete(objectKey(current));
    this.revision += 1;
    current.metadata.resourceVersion = String(this.revision);
    this.emit(type, 'DELETED', current);
  }

  watch<T extends KubeObject>(type: ResourceType, namespace: string | undefined, options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): WatchHandle {
    this.requests.push(['watch', qualifiedPlural(type), namespace ?? '(all)', options.labelSelector ?? ''].join(' ').trim());
    let stop!: () => void;
    const done = new Promise<void>((resolve) => (stop = resolve));
    const watcher: Watcher = {
      resource: qualifiedPlural(type),
      namespace,
      labelSelector: options.labelSelector,
      onEvent: onEvent as (event: WatchEvent<KubeObject>) => void,
      stop: () => {
        this.watchers.delete(watcher);
        stop();
      },
    };
    this.watchers.add(watcher);
    return { done, stop: watcher.stop };
  }

  getRaw(path: string): Promise<string> {
    return Promise.reject(new Error(`the in-memory client has no raw paths (${path})`));
  }

  streamRaw(path: string): WatchHandle {
    return { done: Promise.reject(new Error(`the in-memory client has no raw paths (${path})`)), stop: () => {} };
  }

  private store(type: ResourceType): Map<string, KubeObject> {
    const resource = qualifiedPlural(type);
    let store = this.stores.get(resource);
    if (store === undefined) {
      store = new Map();
      this.stores.set(resource, store);
    }
    return store;
  }

  private selects(object: KubeObject, namespace: string | undefined, labelSelector: string | undefined): boolean {
    return (namespace === undefined || object.metadata.namespace === namespace) && matchesSelector(object, labelSelector);
  }

  private checkVersion(type: ResourceType, current: KubeObject, wanted: string | undefined): void {
    if (wanted === undefined || wanted === current.metadata.resourceVersion) return;
    throw new KubeApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedPlural(type)} "${current.metadata.name ?? ''}": the object has been modified`);
  }

  private write<T extends KubeObject>(type: ResourceType, event: 'ADDED' | 'MODIFIED', object: T): T {
    this.revision += 1;
    object.metadata.resourceVersion = String(this.revision);
    object.metadata.uid ??= `uid-${++this.uids}`;
    this.store(type).set(objectKey(object), object);
    this.emit(type, event, object);
    return object;
  }

  /** Delivered after the write returns, as a real watch delivers later than the answer to the request. */
  private emit(type: ResourceType, event: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject): void {
    const resource = qualifiedPlural(type);
    for (const watcher of this.watchers) {
      if (watcher.resource !== resource || !this.selects(object, watcher.namespace, watcher.labelSelector)) continue;
      const copy = structuredClone(object);
      queueMicrotask(() => {
        if (this.watchers.has(watcher)) watcher.onEvent({ type: event, object: copy });
      });
    }
  }
}
