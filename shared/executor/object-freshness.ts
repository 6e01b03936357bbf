import { type KubeObject } from '../kube/index.js';

/**
 * The resource version as a number, where it is one. Resource versions are opaque to clients in general, but the
 * API server's are etcd revisions, decimal integers that only grow; anything else is not compared.
 */
function revision(object: KubeObject): bigint | undefined {
  const version = object.metadata.resourceVersion ?? '';
  return /^\d+$/.test(version) ? BigInt(version) : undefined;
}

/**
 * The newer of two copies of one object (a watch cache entry and the answer to our own last write), or whichever
 * exists. When the versions cannot be compared the cache wins.
 */
export function fresher<T extends KubeObject>(cached: T | undefined, written: T | undefined): T | undefined {
  if (cached === undefined || written === undefined) return cached ?? written;
  const a = revision(cached);
  const b = revision(written);
  if (a === undefined || b === undefined) return cached;
  return b > a ? written : cached;
}

/** Whether the cache has caught up with (or passed) what we wrote, so our copy can be dropped. */
export function caughtUp(cached: KubeObject, written: KubeObject): boolean {
  return fresher(cached, written) === cached;
}

/**
 * Whether `object` is a version the holder of `known` has not seen: a later one, or one whose version cannot be
 * compared (then it may be anything, and counts as new).
 */
export function newerThan(object: KubeObject, known: KubeObject | undefined): boolean {
  if (known === undefined) return true;
  const a = revision(object);
  const b = revision(known);
  return a === undefined || b === undefined || a > b;
}
