import { isDeepStrictEqual } from 'node:util';
import { isKubeApiError } from '../errors/index.js';
import { type KubeClient } from './kube-client.js';
import { type KubeObject } from './kube-object.js';
import { type ResourceType } from './resource-type.js';
import { serverSideApply } from './server-side-apply.js';

/** The words `kubectl apply --server-side` prints after an object's name. */
export type ApplyOutcome = 'serverside-applied' | 'unchanged';

export interface ApplyResult<T extends KubeObject> {
  /** The object as the server answered it (for a dry run: as it would be stored). */
  object: T;
  outcome: ApplyOutcome;
}

/**
 * Server-side apply that also says whether anything changed, which the apply response alone does not: the
 * object is read first and compared with what the server answers. Field ownership, resourceVersion and status
 * are left out of the comparison: a dry run never bumps resourceVersion, status belongs to the server, and
 * taking over a field that already holds our value changes nothing a user can see. Conflicting fields are taken
 * over (force): whoever applies owns the result, as an installer restoring its own objects must.
 */
export async function applyWithOutcome<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType,
  object: T,
  options: { dryRun?: boolean } = {},
): Promise<ApplyResult<T>> {
  const name = object.metadata.name ?? '';
  const namespace = type.namespaced ? object.metadata.namespace : undefined;
  let existing: T | undefined;
  try {
    existing = await client.get<T>(type, namespace, name);
  } catch (err) {
    if (!(isKubeApiError(err) && err.code === 404)) throw err;
  }
  const applied = await serverSideApply(client, type, object, { dryRun: options.dryRun, force: true });
  const outcome = existing !== undefined && isDeepStrictEqual(comparable(existing), comparable(applied)) ? 'unchanged' : 'serverside-applied';
  return { object: applied, outcome };
}

function comparable(object: KubeObject): unknown {
  const { status: _status, ...rest } = object as KubeObject & { status?: unknown };
  const { managedFields: _managedFields, resourceVersion: _resourceVersion, ...metadata } = object.metadata as KubeObject['metadata'] & {
    managedFields?: unknown;
  };
  return { ...rest, metadata };
}
