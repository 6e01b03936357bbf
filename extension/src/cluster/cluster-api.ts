import type * as ClusterModule from '../lazy/cluster.js';

/** The lazily loaded half of the TaskAction features (extension/dist/lib/cluster.js). */
export type ClusterApi = typeof ClusterModule;

let loading: Promise<ClusterApi> | undefined;

/** Loads the Kubernetes client and the queue core on first use; later calls share the one module. */
export function loadClusterApi(): Promise<ClusterApi> {
  loading ??= import('../lazy/cluster.js');
  return loading;
}
