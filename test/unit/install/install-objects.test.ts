import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../shared/errors/user-error.js';
import { installObjects } from '../../../shared/install/install-objects.js';
import { type KubeObject } from '../../../shared/kube/kube-object.js';
import { manifestTexts } from '../../helpers/manifest-files.js';
import { ROLE_CONTRACT, contractGrants } from '../../helpers/role-contract.js';

interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface ClusterRole extends KubeObject {
  rules: PolicyRule[];
}

/** Each rule flattened to `group/resource verb` grants, sorted: rule layout does not matter, the grants do. */
function grants(role: ClusterRole): string[] {
  return role.rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${g}/${res} ${v}`)))).sort();
}

describe('installObjects over crds/', () => {
  const objects = installObjects(manifestTexts());

  it('selects the TaskAction CRD first, then the four ClusterRoles, and nothing namespaced', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'CustomResourceDefinition/taskactions.flyte.org',
      'ClusterRole/kueue-executor',
      'ClusterRole/kueue-serve',
      'ClusterRole/kueue-signaller',
      'ClusterRole/kueue-user',
    ]);
    expect(objects.every((o) => o.metadata.namespace === undefined)).toBe(true);
  });

  it.each(Object.keys(ROLE_CONTRACT))('%s grants exactly its contract', (name) => {
    const role = objects.find((o) => o.kind === 'ClusterRole' && o.metadata.name === name) as ClusterRole | undefined;
    expect(role).toBeDefined();
    expect(grants(role as ClusterRole)).toEqual(contractGrants(name));
  });

  it('uses no wildcards, resource names or non-resource URLs, and labels every object', () => {
    for (const object of objects) {
      expect(object.metadata.labels?.['app.kubernetes.io/name'], `${object.metadata.name}`).toBe('kueue');
      if (object.kind !== 'ClusterRole') continue;
      for (const rule of (object as ClusterRole).rules) {
        expect([...rule.apiGroups, ...rule.resources, ...rule.verbs]).not.toContain('*');
        expect(rule.resourceNames).toBeUndefined();
        expect(rule.nonResourceURLs).toBeUndefined();
      }
    }
  });
});

describe('installObjects', () => {
  const role = (name: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\nrules: []\n`;
  const crd = (name: string) => `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ${name}\n`;

  it('puts CRDs before ClusterRoles and keeps manifest order within each kind', () => {
    const objects = installObjects([
      { source: 'a.yaml', text: `${role('r1')}---\n${crd('c1.example.org')}` },
      { source: 'b.yaml', text: `${role('r2')}---\n# only a comment\n---\n${crd('c2.example.org')}` },
    ]);
    expect(objects.map((o) => o.metadata.name)).toEqual(['c1.example.org', 'c2.example.org', 'r1', 'r2']);
  });

  it('leaves out namespaced objects, other API versions and empty documents', () => {
    const objects = installObjects([
      {
        source: 'x.yaml',
        text: [
          'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n  namespace: flyte\n',
          'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb\n',
          'apiVersion: rbac.authorization.k8s.io/v1beta1\nkind: ClusterRole\nmetadata:\n  name: old\n',
          '',
          role('kept'),
        ].join('---\n'),
      },
    ]);
    expect(objects.map((o) => o.metadata.name)).toEqual(['kept']);
  });

  it('names the file and document of a YAML error', () => {
    let caught: unknown;
    try {
      installObjects([{ source: 'crds/broken.yaml', text: `${role('ok')}---\nkind: [unclosed\n` }]);
    } catch (err) {
      caught = err;
    }
    expect(isUserError(caught)).toBe(true);
    expect(caught).toMatchObject({ location: { file: 'crds/broken.yaml', document: 1 } });
    expect((caught as Error).message).toMatch(/^cannot parse YAML: /);
  });

  it('refuses an installed kind without a name', () => {
    expect(() => installObjects([{ source: 'n.yaml', text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {}\n' }])).toThrow(
      'ClusterRole without metadata.name',
    );
  });
});
