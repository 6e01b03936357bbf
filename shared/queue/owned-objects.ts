import { isKubeApiError } from '../errors/index.js';
import { type KubeClient, type KubeObject, pollUntil, type ResourceType } from '../kube/index.js';
import { type TaskAction } from '../task-action/index.js';

/**
 * A kind of object the executor's plugins create for a TaskAction and make it own (a controller ownerReference),
 * such as the pod plugins' Pods. The queue knows nothing else about it: abort finds these objects by the run's
 * labels (an executor copies the TaskAction's labels to what it creates) and by their owner, and deletes them when
 * no executor is there to do it. The plugin that creates them provides this description.
 */
export interface OwnedObjectKind {
  resource: ResourceType;
  /** Whether the object still does work (a Pod that has not finished): what is left running when nobody ends it. */
  isRunning(object: KubeObject): boolean;
}

/** An object owned by an aborted action. */
export interface OwnedObject {
  kind: OwnedObjectKind;
  object: KubeObject;
}

function ownedByAny(object: KubeObject, owners: ReadonlySet<string>): boolean {
  return (object.metadata.ownerReferences ?? []).some((ref) => owners.has(ref.uid));
}

/** The objects of `kinds` in `namespace` with `labelSelector` that one of `actions` owns. */
export async function listOwnedObjects(
  client: KubeClient,
  namespace: string,
  labelSelector: string | undefined,
  actions: readonly TaskAction[],
  kinds: readonly OwnedObjectKind[],
): Promise<OwnedObject[]> {
  const owners = new Set(actions.map((action) => action.metadata.uid ?? ''));
  const found: OwnedObject[] = [];
  for (const kind of kinds) {
    const list = await client.list(kind.resource, namespace, { labelSelector });
    for (const object of list.items) if (ownedByAny(object, owners)) found.push({ kind, object });
  }
  return found;
}

/**
 * Deletes one owned object, exactly the one listed (uid precondition), unless it is already being deleted.
 * True when this call deleted it; gone or replaced meanwhile is not an error.
 */
export async function deleteOwnedObject(client: KubeClient, namespace: string, owned: OwnedObject): Promise<boolean> {
  const { metadata } = owned.object;
  if (metadata.deletionTimestamp !== undefined) return false;
  try {
    await client.delete(owned.kind.resource, namespace, metadata.name ?? '', {
      propagationPolicy: 'Background',
      ...(metadata.uid !== undefined ? { preconditions: { uid: metadata.uid } } : {}),
    });
    return true;
  } catch (err) {
    if (isKubeApiError(err) && (err.code === 404 || err.code === 409)) return false;
    throw err;
  }
}

/** `pod/name`, as kubectl names an object in what it prints. */
export function ownedObjectRef(owned: OwnedObject): string {
  return `${owned.kind.resource.kind.toLowerCase()}/${owned.object.metadata.name ?? ''}`;
}

/**
 * Waits until `actions` own no object of `kinds` any more: what abort deleted, and what the garbage collector
 * takes after their owners. Progress only once something is seen left.
 */
export async function waitUntilOwnedObjectsGone(
  client: KubeClient,
  namespace: string,
  labelSelector: string | undefined,
  actions: readonly TaskAction[],
  kinds: readonly OwnedObjectKind[],
  options: { timeoutMs: number; what: string; onProgress?: ((remaining: number) => void) | undefined },
): Promise<void> {
  let last = -1;
  await pollUntil(
    async () => {
      const remaining = (await listOwnedObjects(client, namespace, labelSelector, actions, kinds)).length;
      if (remaining !== last && (last !== -1 || remaining > 0)) options.onProgress?.(remaining);
      last = remaining;
      return remaining === 0;
    },
    { timeoutMs: options.timeoutMs, what: () => `the ${kinds.map((kind) => kind.resource.plural).join(' and ')} of ${options.what} to be deleted (${last} left)` },
  );
}
