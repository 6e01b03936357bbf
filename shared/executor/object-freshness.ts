import { type KubeObject } from '../kube/index.js';

/**
 * The newer of two copies of one object (a watch cache entry and the answer to our own last write), or whichever
 * exists. Resource versions are opaque to clients in general, but the API server's are etcd revisions, decimal
 * integers that only grow; anything else is not compared and the cache wins.
 */
export function fresher<T extends KubeObject>(cached: T | undefined, written: T | undefined): T | undefined {
  if (cached === undefined || written === undefined) return cached ?? written;
  const a = cached.metadata.resourceVersion ?? '';
  const b = written.metadata.resourceVersion ?? '';
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return cached;
  return BigInt(b) > BigInt(a) ? written : cached;
}

/** Whether the cache has caught up with (or passed) what we wrote, so our copy can be dropped. */
export function caughtUp(cached: KubeObject, written: KubeObject): boolean {
  return fresher(cached, written) === cached;
}
