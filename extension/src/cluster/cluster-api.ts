import type * as ClusterModule from './cluster-module.js';

/** The lazily loaded half of the TaskAction features (extension/dist/lib/cluster-cluster-module.js). */
export type ClusterApi = typeof ClusterModule;

let loading: Promise<ClusterApi> | undefined;

/** Loads the Kubernetes client and the queue core on first use; later calls share the one module. */
export function loadClusterApi(): Promise<ClusterApi> {
  loading ??= import('./cluster-module.js');
  return loading;
}
