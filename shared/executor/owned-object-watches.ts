import { Informer, type KubeClient, type KubeObject, qualifiedPlural, type ResourceType, withoutManagedFields } from '../kube/index.js';
import { type WatchRequest } from '../plugins/index.js';
import { type ObjectCache } from './cache-first-client.js';

/** The owner named by a changed object's controller reference. */
export interface OwnerRef {
  namespace: string;
  name: string;
  uid: string;
}

/** What changed in an owned object, as far as the owner's next round cares. */
export interface OwnedChange {
  /** The object has run its course (`WatchRequest.hasFinished`): the round records an end. */
  finished: boolean;
}

export interface OwnedObjectWatchesOptions {
  client: KubeClient;
  /** The executed namespace; undefined: every namespace. */
  namespace: string | undefined;
  /** Kind of the owners whose objects wake them (`TaskAction`). */
  ownerKind: string;
  /** Off: requests are taken, nothing is watched; reads go to the API server and changes are seen at resyncs. */
  enabled: boolean;
  /** An object controlled by an owner of `ownerKind` was added, changed or deleted. */
  onOwnedChange: (owner: OwnerRef, change: OwnedChange) => void;
}

/** One watch the executor runs for plugins, named for logs by its resource (`jobs.batch`). */
export interface OwnedObjectWatch {
  name: string;
  informer: Informer<KubeObject>;
}

/** The cache of a shared watch keeps only what every request reads; `managedFields` is never kept. */
function sharedTransform(requests: WatchRequest[]): (object: KubeObject) => KubeObject {
  const transform = requests[0]?.transform;
  if (transform === undefined || requests.some((r) => r.transform !== transform)) return withoutManagedFields;
  return (object) => transform(withoutManagedFields(object));
}

/**
 * Whether two versions of an object, as the watch cache keeps them, differ only in their resource version. The
 * cache keeps every field a plugin reads (`WatchRequest.transform`), so such a change cannot change a round: a
 * status patch of fields nobody reads, or an update outside what the transform keeps.
 */
function sameAsRead(previous: KubeObject, object: KubeObject): boolean {
  const unversioned = (o: KubeObject) => JSON.stringify({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } });
  return unversioned(previous) === unversioned(object);
}

function sameResource(a: ResourceType, b: ResourceType): boolean {
  return a.group === b.group && a.kind === b.kind;
}

/**
 * The watches plugins ask for while they load (`SetupContext.watchOwned`), as Flyte's plugin manager watches each
 * k8s plugin's resource with an owner-enqueueing handler: one Informer per distinct resource type and label
 * selector, in the executed namespace. A change to an object whose controller is an owner of `ownerKind` is
 * reported, for the executor to reconcile that owner, unless nothing the cache keeps of it changed. The caches
 * also answer the plugins' reads.
 */
export class OwnedObjectWatches implements ObjectCache {
  private readonly requests = new Map<string, WatchRequest[]>();
  private watches: { resource: ResourceType; informer: Informer<KubeObject> }[] | undefined;

  constructor(private readonly options: OwnedObjectWatchesOptions) {}

  request(request: WatchRequest): void {
    if (this.watches !== undefined) {
      throw new Error(`the watch of ${qualifiedPlural(request.resource)} was asked for after the plugins were loaded; ask while loading`);
    }
    const key = `${qualifiedPlural(request.resource)}?${request.labelSelector ?? ''}`;
    this.requests.set(key, [...(this.requests.get(key) ?? []), request]);
  }

  /**
   * Creates an Informer for each distinct request (none when disabled) and stops taking requests. The caller starts
   * them and waits for their first list; call it once, after the plugins are loaded.
   */
  create(): OwnedObjectWatch[] {
    if (this.watches !== undefined) throw new Error('the watches were already created');
    const requests = this.options.enabled ? [...this.requests.values()] : [];
    this.watches = requests.map((shared) => {
      const request = shared[0] as WatchRequest;
      const informer = new Informer<KubeObject>(this.options.client, request.resource, {
        namespace: this.options.namespace,
        transform: sharedTransform(shared),
        ...(request.labelSelector !== undefined ? { labelSelector: request.labelSelector } : {}),
      });
      const finishers = shared.flatMap((r) => (r.hasFinished !== undefined ? [r.hasFinished] : []));
      informer.addListener({
        onEvent: (type, object, previous) => {
          if (type === 'modified' && previous !== undefined && sameAsRead(previous, object)) return;
          this.onEvent(object, { finished: type !== 'deleted' && finishers.some((hasFinished) => hasFinished(object)) });
        },
      });
      return { resource: request.resource, informer };
    });
    return this.watches.map(({ resource, informer }) => ({ name: qualifiedPlural(resource), informer }));
  }

  get(type: ResourceType, namespace: string, name: string): KubeObject | undefined {
    for (const watch of this.watches ?? []) {
      if (!sameResource(watch.resource, type)) continue;
      const cached = watch.informer.get(namespace, name);
      if (cached !== undefined) return cached;
    }
    return undefined;
  }

  stop(): void {
    for (const { informer } of this.watches ?? []) informer.stop();
  }

  private onEvent(object: KubeObject, change: OwnedChange): void {
    const owner = (object.metadata.ownerReferences ?? []).find((ref) => ref.controller === true && ref.kind === this.options.ownerKind);
    if (owner === undefined) return;
    this.options.onOwnedChange({ namespace: object.metadata.namespace ?? '', name: owner.name, uid: owner.uid }, change);
  }
}
