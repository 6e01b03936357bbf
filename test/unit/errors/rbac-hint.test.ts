import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { formatApiError, KubeApiError, roleGranting } from '../../../shared/errors/index.js';

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}
interface ClusterRole {
  kind: string;
  metadata: { name: string };
  rules: Rule[];
}

const roles = readdirSync('crds')
  .filter((f) => f.startsWith('rbac-'))
  .flatMap((f) => parseAllDocuments(readFileSync(`crds/${f}`, 'utf8')).map((d) => d.toJS() as ClusterRole))
  .filter((o) => o.kind === 'ClusterRole');

const grants = (role: string, group: string, resource: string, verb: string) =>
  roles.some((r) => r.metadata.name === role && r.rules.some((rule) => rule.apiGroups.includes(group) && rule.resources.includes(resource) && rule.verbs.includes(verb)));

const forbidden = (verb: string, resource: string, group: string, namespace = 'team') =>
  `taskactions.flyte.org is forbidden: User "alice" cannot ${verb} resource "${resource}" in API group "${group}" in the namespace "${namespace}"`;

describe('the ClusterRole a Forbidden answer names', () => {
  const everyGrant = roles
    .filter((r) => r.metadata.name === 'kueue-user' || r.metadata.name === 'kueue-executor')
    .flatMap((r) => r.rules.flatMap((rule) => rule.apiGroups.flatMap((g) => rule.resources.flatMap((res) => rule.verbs.map((v) => [r.metadata.name, g, res, v] as const)))));

  it.each(everyGrant)('%s: %s %s %s is granted by the role it names', (_role, group, resource, verb) => {
    const hint = roleGranting(forbidden(verb, resource, group));
    expect(hint).toBeDefined();
    expect(grants(hint?.role ?? '', group, resource, verb)).toBe(true);
  });

  it('prefers the smaller role: a person reading TaskActions needs kueue-user, not the executor role', () => {
    expect(roleGranting(forbidden('list', 'taskactions', 'flyte.org'))).toEqual({ role: 'kueue-user', user: 'alice', namespace: 'team' });
  });

  it('says how to bind it, in the namespace of the refusal', () => {
    const text = formatApiError(new KubeApiError(403, 'Forbidden', forbidden('create', 'taskactions', 'flyte.org')));
    expect(text).toBe(
      `Error from server (Forbidden): ${forbidden('create', 'taskactions', 'flyte.org')}\n` +
        '  hint: the ClusterRole kueue-user grants this; ask an administrator to bind it: kubectl create rolebinding kueue-user --clusterrole=kueue-user --user=alice --namespace=team',
    );
  });

  it('binds a service account as one', () => {
    const message = 'pods is forbidden: User "system:serviceaccount:team:runner" cannot create resource "pods" in API group "" in the namespace "team"';
    expect(formatApiError(new KubeApiError(403, 'Forbidden', message))).toContain('kubectl create rolebinding kueue-executor --clusterrole=kueue-executor --serviceaccount=team:runner --namespace=team');
  });

  it('sends installers to a cluster administrator, and says nothing for messages it cannot read', () => {
    expect(roleGranting('customresourcedefinitions.apiextensions.k8s.io is forbidden: User "a" cannot create resource "customresourcedefinitions" in API group "apiextensions.k8s.io" at the cluster scope')).toEqual({ role: 'cluster-admin' });
    expect(formatApiError(new KubeApiError(403, 'Forbidden', 'denied by policy'))).toBe('Error from server (Forbidden): denied by policy');
  });
});
