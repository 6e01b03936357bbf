/**
 * Which of the project's ClusterRoles (crds/rbac-*.yaml) grants a request the API server refused, so a Forbidden
 * answer says what to ask for rather than only what failed. A test checks every suggestion against those files.
 */
interface RoleRule {
  role: string;
  group: string;
  resources: readonly string[];
  verbs: readonly string[];
}

const ROLE_RULES: readonly RoleRule[] = [
  { role: 'kueue-user', group: 'flyte.org', resources: ['taskactions'], verbs: ['get', 'list', 'watch', 'create', 'delete', 'patch'] },
  { role: 'kueue-user', group: 'coordination.k8s.io', resources: ['leases'], verbs: ['get'] },
  { role: 'kueue-user', group: '', resources: ['pods'], verbs: ['get', 'list', 'watch', 'delete'] },
  { role: 'kueue-user', group: '', resources: ['pods/log'], verbs: ['get'] },
  { role: 'kueue-executor', group: 'flyte.org', resources: ['taskactions'], verbs: ['update'] },
  { role: 'kueue-executor', group: 'flyte.org', resources: ['taskactions/status'], verbs: ['get', 'update', 'patch'] },
  { role: 'kueue-executor', group: 'flyte.org', resources: ['taskactions/finalizers'], verbs: ['update'] },
  { role: 'kueue-executor', group: '', resources: ['pods'], verbs: ['create', 'delete', 'patch'] },
  { role: 'kueue-executor', group: '', resources: ['events'], verbs: ['create', 'patch'] },
  { role: 'kueue-executor', group: 'events.k8s.io', resources: ['events'], verbs: ['create', 'patch'] },
  { role: 'kueue-executor', group: 'coordination.k8s.io', resources: ['leases'], verbs: ['get', 'list', 'create', 'update', 'delete'] },
];

/** `User "x" cannot list resource "taskactions" in API group "flyte.org" in the namespace "y"`. */
const FORBIDDEN = /User "([^"]*)" cannot (\w+) resource "([^"]+)" in API group "([^"]*)"(?: in the namespace "([^"]+)")?/;

export interface RbacHint {
  role: string;
  /** Who was refused, as the API server names them. */
  user?: string;
  namespace?: string;
}

const SERVICE_ACCOUNT = /^system:serviceaccount:([^:]+):([^:]+)$/;

/** `--serviceaccount=ns:name` for a service account, else `--user=name`: the subject of the RoleBinding. */
function subjectFlag(user: string | undefined): string {
  const account = SERVICE_ACCOUNT.exec(user ?? '');
  if (account) return `--serviceaccount=${account[1] ?? ''}:${account[2] ?? ''}`;
  return `--user=${user || '<you>'}`;
}

/** The role to bind for a Forbidden message, or undefined when the message is not the API server's usual one. */
export function roleGranting(message: string): RbacHint | undefined {
  const match = FORBIDDEN.exec(message);
  if (!match) return undefined;
  const [, user = '', verb = '', resource = '', group = '', namespace] = match;
  const rule = ROLE_RULES.find((r) => r.group === group && r.resources.includes(resource) && r.verbs.includes(verb));
  if (rule) return { role: rule.role, user, ...(namespace !== undefined ? { namespace } : {}) };
  if (group === 'apiextensions.k8s.io' || group === 'rbac.authorization.k8s.io') return { role: 'cluster-admin' };
  return undefined;
}

/** The hint line of a Forbidden answer: the ClusterRole to bind, and the command that binds it. */
export function forbiddenHint(message: string): string | undefined {
  const hint = roleGranting(message);
  if (!hint) return undefined;
  if (hint.role === 'cluster-admin') return 'installing the CRD and ClusterRoles needs a cluster administrator (cluster-admin)';
  const scope = hint.namespace !== undefined ? ` --namespace=${hint.namespace}` : '';
  return `the ClusterRole ${hint.role} grants this; ask an administrator to bind it: kubectl create rolebinding ${hint.role} --clusterrole=${hint.role} ${subjectFlag(hint.user)}${scope}`;
}
