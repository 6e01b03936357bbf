import { type KubeClient } from './kube-client.js';
import { type KubeObject } from './kube-object.js';
import { type ResourceType } from './resource-type.js';

export const FIELD_MANAGER = 'kubectl-kueue';

/**
 * Server-side apply of a whole object: the server merges it with what exists and records `fieldManager` as
 * the owner of the fields we set, so re-applying is idempotent and never fights other managers silently.
 */
export async function serverSideApply<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType,
  object: T,
  options: { dryRun?: boolean; force?: boolean; fieldManager?: string } = {},
): Promise<T> {
  const name = object.metadata.name;
  if (!name) throw new Error(`cannot apply a ${type.kind} without metadata.name`);
  return client.patch<T>(type, type.namespaced ? object.metadata.namespace : undefined, name, object, 'apply', {
    fieldManager: options.fieldManager ?? FIELD_MANAGER,
    force: options.force ?? true,
    dryRun: options.dryRun,
  });
}
