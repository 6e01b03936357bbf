import { type KubeObject } from './kube-object.js';

/**
 * The object without `metadata.managedFields`: the server-side apply bookkeeping that is often the largest part
 * of an object and that no reader of a cache looks at. An update sent without the field leaves the server's copy
 * as it is, so a cached object stripped this way can still be written back.
 */
export function withoutManagedFields<T extends KubeObject>(object: T): T {
  if (object.metadata.managedFields === undefined) return object;
  const { managedFields: _dropped, ...metadata } = object.metadata;
  return { ...object, metadata };
}
