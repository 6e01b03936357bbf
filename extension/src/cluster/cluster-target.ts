/** Which cluster, as whom and where: the extension's settings, empty meaning "as kubectl would choose". */
export interface ClusterTarget {
  /** A kubeconfig file; empty: $KUBECONFIG, then ~/.kube/config (kubectl's rules). */
  kubeconfig: string;
  /** A context of that kubeconfig; empty: its current context. */
  context: string;
  /** Empty: the context's namespace, else `default`. */
  namespace: string;
}

export function sameTarget(a: ClusterTarget, b: ClusterTarget): boolean {
  return a.kubeconfig === b.kubeconfig && a.context === b.context && a.namespace === b.namespace;
}
