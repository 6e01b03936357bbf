/**
 * The one key of a namespaced object, `namespace/name` (client-go's MetaNamespaceKeyFunc): work queues, caches and
 * logs all use it, so a key made in one place is found in another.
 */
export interface ObjectRef {
  namespace: string;
  name: string;
}

export function objectKey(object: { metadata: { namespace?: string; name?: string } }): string {
  return keyOf(object.metadata.namespace ?? '', object.metadata.name ?? '');
}

export function keyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** The inverse of `objectKey`; names never hold a slash, so the first one splits. */
export function splitObjectKey(key: string): ObjectRef {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
