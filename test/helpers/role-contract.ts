/**
 * What each kueue-* ClusterRole grants, written out independently of crds/rbac-*.yaml so that a change to a
 * role must change its contract too. Keys are `group/resource` (core group empty), values the verbs.
 */
export const ROLE_CONTRACT: Record<string, Record<string, string[]>> = {
  'kueue-user': {
    'flyte.org/taskactions': ['get', 'list', 'watch', 'create', 'delete', 'patch'],
    'coordination.k8s.io/leases': ['get'],
    '/pods': ['get', 'list', 'watch', 'delete'],
    '/pods/log': ['get'],
  },
  'kueue-serve': {
    'flyte.org/taskactions': ['get', 'list', 'watch', 'create', 'delete'],
    'flyte.org/taskactions/status': ['patch'],
    '/namespaces': ['get', 'create'],
  },
  'kueue-executor': {
    'flyte.org/taskactions': ['get', 'list', 'watch', 'update', 'patch', 'delete'],
    'flyte.org/taskactions/status': ['get', 'update', 'patch'],
    'flyte.org/taskactions/finalizers': ['update'],
    '/pods': ['get', 'list', 'watch', 'create', 'delete', 'patch'],
    '/events': ['create', 'patch'],
    'events.k8s.io/events': ['create', 'patch'],
    'coordination.k8s.io/leases': ['get', 'list', 'create', 'update', 'delete'],
  },
  'kueue-signaller': {
    'flyte.org/taskactions': ['get', 'list', 'watch'],
    'flyte.org/taskactions/status': ['get', 'patch'],
  },
};

/** `group/resource verb` for every grant of a role, sorted. */
export function contractGrants(role: string): string[] {
  return Object.entries(ROLE_CONTRACT[role] ?? {})
    .flatMap(([resource, verbs]) => verbs.map((v) => `${resource} ${v}`))
    .sort();
}
