import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatApiError, isKubeApiError } from '../../shared/errors/api-error.js';
import { install } from '../../shared/install/install.js';
import { applyWithOutcome } from '../../shared/kube/apply-with-outcome.js';
import { type KubeObject } from '../../shared/kube/kube-object.js';
import { CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES, CUSTOM_RESOURCE_DEFINITIONS, DEPLOYMENTS, ROLE_BINDINGS, SERVICE_ACCOUNTS } from '../../shared/kube/resource-type.js';
import { runCli } from '../helpers/run-cli.js';
import { clientAs, isAllowed, waitUntilAllowed } from '../harness/cluster/access-control.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';

const CRD_LINE = 'customresourcedefinition.apiextensions.k8s.io/taskactions.flyte.org';
const ROLE_LINES = ['kueue-user', 'kueue-serve', 'kueue-executor', 'kueue-signaller'].map((r) => `clusterrole.rbac.authorization.k8s.io/${r}`);

interface CrdWithStatus extends KubeObject {
  status?: { conditions?: { type: string; status: string }[] };
}

interface Probe {
  httpGet: { path: string; port: string | number; scheme: string };
  periodSeconds: number;
}

interface ExecutorDeployment extends KubeObject {
  spec: {
    template: {
      spec: {
        serviceAccountName: string;
        containers: { name: string; image: string; args: string[]; ports: { name: string; containerPort: number }[]; livenessProbe: Probe; readinessProbe: Probe }[];
      };
    };
  };
}

const EXECUTOR_LINES = ['serviceaccount/kueue-executor', 'rolebinding.rbac.authorization.k8s.io/kueue-executor', 'deployment.apps/kueue-executor'];

interface ClusterRole extends KubeObject {
  rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
}

function linesOf(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l !== '');
}

function clusterRole(name: string, verbs: string[]): ClusterRole {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels: { 'kueue.test/owner': 'install-test' } },
    rules: [{ apiGroups: ['flyte.org'], resources: ['taskactions'], verbs }],
  };
}

async function exists(get: () => Promise<unknown>): Promise<boolean> {
  try {
    await get();
    return true;
  } catch (err) {
    if (isKubeApiError(err) && err.code === 404) return false;
    throw err;
  }
}

// The CRD and the kueue-* ClusterRoles are shared by every suite of the run: this suite applies them (a no-op
// for other suites: same content, same field manager) and never deletes them. Objects it creates and deletes
// have names of their own.
describe.skipIf(clusterUnavailable())('kubectl kueue install', () => {
  const ns = useClusterNamespace('install');
  const id = randomBytes(3).toString('hex');
  const flags = () => ['--kubeconfig', ns.kubeconfig];
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  });

  it('applies the CRD and the four ClusterRoles, waits until the CRD is established, and is idempotent', async () => {
    const first = await runCli(['install', ...flags()]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // Whether this run or the cluster set-up got there first, each object is reported once, in order.
    const firstLines = linesOf(first.stdout);
    expect(firstLines.map((l) => l.split(' ')[0])).toEqual([CRD_LINE, ...ROLE_LINES]);
    for (const line of firstLines) expect(line).toMatch(/ (serverside-applied|unchanged)$/);
    const crd = await ns.client.get<CrdWithStatus>(CUSTOM_RESOURCE_DEFINITIONS, undefined, 'taskactions.flyte.org');
    expect(crd.status?.conditions?.find((c) => c.type === 'Established')?.status).toBe('True');
    const role = await ns.client.get<ClusterRole & { metadata: { managedFields?: { manager: string; operation: string }[] } }>(CLUSTER_ROLES, undefined, 'kueue-executor');
    expect(role.metadata.managedFields?.some((f) => f.manager === 'kubectl-kueue' && f.operation === 'Apply')).toBe(true);

    const second = await runCli(['install', ...flags()]);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe([CRD_LINE, ...ROLE_LINES].map((l) => `${l} unchanged\n`).join(''));
  });

  it('--dry-run=server reports what would change and changes nothing; the real run then restores it', async () => {
    const crdName = 'taskactions.flyte.org';
    // Someone edited a field install owns (a label: harmless to the other suites using the CRD).
    await ns.client.patch(CUSTOM_RESOURCE_DEFINITIONS, undefined, crdName, { metadata: { labels: { 'app.kubernetes.io/component': 'edited' } } }, 'merge', {
      fieldManager: 'kueue-test-editor',
    });
    try {
      const before = await ns.client.get(CUSTOM_RESOURCE_DEFINITIONS, undefined, crdName);
      const dryRun = await runCli(['install', '--dry-run=server', ...flags()]);
      expect(dryRun.code).toBe(0);
      expect(dryRun.stdout).toBe(
        [`${CRD_LINE} serverside-applied (server dry run)`, ...ROLE_LINES.map((l) => `${l} unchanged (server dry run)`), ''].join('\n'),
      );
      const after = await ns.client.get(CUSTOM_RESOURCE_DEFINITIONS, undefined, crdName);
      expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
      expect(after.metadata.labels?.['app.kubernetes.io/component']).toBe('edited');

      const yaml = await runCli(['install', '--dry-run=server', '-o', 'yaml', ...flags()]);
      expect(yaml.code).toBe(0);
      // Printed as the API server would store it: our label back, the edit still in the stored object.
      const list = parse(yaml.stdout) as { kind: string; items: KubeObject[] };
      expect(list.kind).toBe('List');
      expect(list.items.map((o) => o.metadata.name)).toEqual(['taskactions.flyte.org', 'kueue-user', 'kueue-serve', 'kueue-executor', 'kueue-signaller']);
      expect(list.items[0]?.metadata.labels?.['app.kubernetes.io/component']).toBe('crd');
      expect(yaml.stdout).not.toContain('managedFields');
      expect((await ns.client.get(CUSTOM_RESOURCE_DEFINITIONS, undefined, crdName)).metadata.labels?.['app.kubernetes.io/component']).toBe('edited');
      const kinds = await runCli(['install', '--dry-run=server', '-o', 'custom-columns=KIND:.kind,NAME:.metadata.name', ...flags()]);
      expect(kinds.code).toBe(0);
      expect(kinds.stdout.split('\n')[0]).toMatch(/^KIND\s+NAME$/);
      expect(kinds.stdout).toMatch(/^CustomResourceDefinition\s+taskactions\.flyte\.org$/m);
      expect(kinds.stdout).toMatch(/^ClusterRole\s+kueue-executor$/m);

      const real = await runCli(['install', ...flags()]);
      expect(real.code).toBe(0);
      expect(linesOf(real.stdout)[0]).toBe(`${CRD_LINE} serverside-applied`);
    } finally {
      await runCli(['install', ...flags()]);
    }
    const restored = await ns.client.get(CUSTOM_RESOURCE_DEFINITIONS, undefined, crdName);
    expect(restored.metadata.labels?.['app.kubernetes.io/component']).toBe('crd');
  });

  it('fails like kubectl for a user who may not read CRDs', async () => {
    for (const dryRun of ['none', 'server']) {
      const result = await runCli(['install', `--dry-run=${dryRun}`, '--as', `alice-${id}`, ...flags()]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `Error from server (Forbidden): customresourcedefinitions.apiextensions.k8s.io "taskactions.flyte.org" is forbidden: User "alice-${id}" cannot get resource "customresourcedefinitions" in API group "apiextensions.k8s.io" at the cluster scope\n  hint: installing the CRD and ClusterRoles needs a cluster administrator (cluster-admin)\n`,
      );
    }
  });

  describe('for an installer with partial rights', () => {
    const user = `installer-${id}`;
    const roleName = `kueue-test-installer-${id}`;

    it('reports what it applied before the first object it may not write', async () => {
      // May read and apply CRDs, and read ClusterRoles, but not write them.
      await ns.client.create(CLUSTER_ROLES, undefined, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: roleName },
        rules: [
          { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'patch'] },
          { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['get'] },
        ],
      } as KubeObject);
      cleanup.push(() => ns.client.delete(CLUSTER_ROLES, undefined, roleName));
      await ns.client.create(CLUSTER_ROLE_BINDINGS, undefined, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: roleName },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
      } as KubeObject);
      cleanup.push(() => ns.client.delete(CLUSTER_ROLE_BINDINGS, undefined, roleName));
      await waitUntilAllowed(ns.client, user, ['system:authenticated'], { group: 'rbac.authorization.k8s.io', resource: 'clusterroles', verb: 'get' });

      const result = await runCli(['install', '--as', user, ...flags()]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(`${CRD_LINE} unchanged\n`);
      expect(result.stderr).toBe(
        `Error from server (Forbidden): clusterroles.rbac.authorization.k8s.io "kueue-user" is forbidden: User "${user}" cannot patch resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope\n  hint: installing the CRD and ClusterRoles needs a cluster administrator (cluster-admin)\n`,
      );
    });

    it('cannot create a ClusterRole granting more than the installer holds (RBAC escalation check)', async () => {
      const name = `kueue-test-escalate-${id}`;
      cleanup.push(() => ns.client.delete(CLUSTER_ROLES, undefined, name));
      await ns.client.patch(
        CLUSTER_ROLES,
        undefined,
        roleName,
        { rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['get', 'create', 'patch'] }] },
        'merge',
      );
      await waitUntilAllowed(ns.client, user, ['system:authenticated'], { group: 'rbac.authorization.k8s.io', resource: 'clusterroles', verb: 'patch' });
      const installer = clientAs(ns.kubeconfig, ns.namespace, user);
      try {
        const attempt = install(installer, [clusterRole(name, ['get'])]);
        await expect(attempt).rejects.toSatisfy((err: unknown) => isKubeApiError(err) && err.code === 403);
        const message = await attempt.catch((err: unknown) => (isKubeApiError(err) ? formatApiError(err) : ''));
        expect(message).toMatch(
          new RegExp(`^Error from server \\(Forbidden\\): clusterroles\\.rbac\\.authorization\\.k8s\\.io "${name}" is forbidden: user "${user}" .*attempting to grant RBAC permissions not currently held`),
        );
      } finally {
        installer.close();
      }
    });
  });

  it('tells applied, unchanged and dry-run results apart (core, on a ClusterRole of its own)', async () => {
    const name = `kueue-test-apply-${id}`;
    cleanup.push(() => ns.client.delete(CLUSTER_ROLES, undefined, name));
    const reader = clusterRole(name, ['get']);

    const dryCreate = await install(ns.client, [reader], { dryRun: true });
    expect(dryCreate.map((i) => i.outcome)).toEqual(['serverside-applied']);
    expect(await exists(() => ns.client.get(CLUSTER_ROLES, undefined, name))).toBe(false);

    const created = await applyWithOutcome(ns.client, CLUSTER_ROLES, reader);
    expect(created.outcome).toBe('serverside-applied');
    const again = await applyWithOutcome(ns.client, CLUSTER_ROLES, reader);
    expect(again.outcome).toBe('unchanged');
    expect(again.object.metadata.resourceVersion).toBe(created.object.metadata.resourceVersion);

    const wider = clusterRole(name, ['get', 'list']);
    const dryChange = await applyWithOutcome(ns.client, CLUSTER_ROLES, wider, { dryRun: true });
    expect(dryChange.outcome).toBe('serverside-applied');
    expect(dryChange.object.rules[0]?.verbs).toEqual(['get', 'list']);
    expect((await ns.client.get<ClusterRole>(CLUSTER_ROLES, undefined, name)).rules[0]?.verbs).toEqual(['get']);
    expect((await applyWithOutcome(ns.client, CLUSTER_ROLES, reader, { dryRun: true })).outcome).toBe('unchanged');

    const changed = await applyWithOutcome(ns.client, CLUSTER_ROLES, wider);
    expect(changed.outcome).toBe('serverside-applied');
    expect((await ns.client.get<ClusterRole>(CLUSTER_ROLES, undefined, name)).rules[0]?.verbs).toEqual(['get', 'list']);

    // A label added by another field manager is theirs: re-applying ours leaves it and changes nothing.
    await ns.client.patch(CLUSTER_ROLES, undefined, name, { metadata: { labels: { 'kueue.test/other': 'x' } } }, 'merge', { fieldManager: 'kueue-test-editor' });
    const withForeignLabel = await applyWithOutcome(ns.client, CLUSTER_ROLES, wider);
    expect(withForeignLabel.outcome).toBe('unchanged');
    expect(withForeignLabel.object.metadata.labels?.['kueue.test/other']).toBe('x');
  });

  describe('--with-executor', () => {
    const executorIn = (image: string, ...more: string[]) => ['install', '--with-executor', '-n', ns.namespace, '--image', image, ...more, ...flags()];
    const deployment = () => ns.client.get<ExecutorDeployment>(DEPLOYMENTS, ns.namespace, 'kueue-executor');

    it('--dry-run=server stores nothing; then applies the executor with the image, its probes and ServiceAccount; then is unchanged', async () => {
      const image = `registry.local/kubectl-kueue:test-${id}`;
      const dryRun = await runCli(executorIn(image, '--dry-run=server'));
      expect(dryRun.stderr).toBe('');
      expect(dryRun.code).toBe(0);
      expect(linesOf(dryRun.stdout).slice(5)).toEqual(EXECUTOR_LINES.map((l) => `${l} serverside-applied (server dry run)`));
      expect(await exists(deployment)).toBe(false);
      expect(await exists(() => ns.client.get(SERVICE_ACCOUNTS, ns.namespace, 'kueue-executor'))).toBe(false);

      // -o yaml under a server dry run: the Deployment as the server would store it, defaults filled in.
      const yaml = await runCli(executorIn(image, '--dry-run=server', '-o', 'yaml'));
      expect(yaml.code).toBe(0);
      const answered = (parse(yaml.stdout) as { items: ExecutorDeployment[] }).items.find((o) => o.kind === 'Deployment');
      expect(answered?.spec.template.spec.containers[0]?.readinessProbe.httpGet.scheme).toBe('HTTP');
      expect(await exists(deployment)).toBe(false);

      const real = await runCli(executorIn(image));
      expect(real.stderr).toBe('');
      expect(real.code).toBe(0);
      expect(linesOf(real.stdout).slice(5)).toEqual(EXECUTOR_LINES.map((l) => `${l} serverside-applied`));
      const stored = await deployment();
      const pod = stored.spec.template.spec;
      expect(pod.serviceAccountName).toBe('kueue-executor');
      const container = pod.containers[0];
      expect(container?.image).toBe(image);
      expect(container?.args.slice(0, 3)).toEqual(['executor', '-n', ns.namespace]);
      expect(container?.livenessProbe.httpGet).toMatchObject({ path: '/healthz', port: 'probes' });
      expect(container?.readinessProbe.httpGet).toMatchObject({ path: '/readyz', port: 'probes' });
      expect(container?.ports.map((p) => p.name).sort()).toEqual(['metrics', 'probes']);
      expect((await ns.client.get(SERVICE_ACCOUNTS, ns.namespace, 'kueue-executor')).metadata.name).toBe('kueue-executor');
      const binding = await ns.client.get<KubeObject & { subjects: { namespace: string }[] }>(ROLE_BINDINGS, ns.namespace, 'kueue-executor');
      expect(binding.subjects.map((s) => s.namespace)).toEqual([ns.namespace]);
      // The binding gives the executor's ServiceAccount what it needs there, and nothing in other namespaces.
      const account = `system:serviceaccount:${ns.namespace}:kueue-executor`;
      await waitUntilAllowed(ns.client, account, [], { namespace: ns.namespace, group: '', resource: 'pods', verb: 'create' });
      expect(await isAllowed(ns.client, account, [], { namespace: 'default', group: '', resource: 'pods', verb: 'create' })).toBe(false);

      const again = await runCli(executorIn(image));
      expect(again.code).toBe(0);
      expect(again.stdout).toBe([CRD_LINE, ...ROLE_LINES, ...EXECUTOR_LINES].map((l) => `${l} unchanged\n`).join(''));

      // A new image changes the Deployment only.
      const upgraded = await runCli(executorIn(`${image}-2`));
      expect(upgraded.code).toBe(0);
      expect(linesOf(upgraded.stdout).slice(5)).toEqual([`${EXECUTOR_LINES[0] ?? ''} unchanged`, `${EXECUTOR_LINES[1] ?? ''} unchanged`, `${EXECUTOR_LINES[2] ?? ''} serverside-applied`]);
      expect((await deployment()).spec.template.spec.containers[0]?.image).toBe(`${image}-2`);
    });

    it('refuses a namespace that does not exist before applying anything, and says how to create it', async () => {
      const missing = `kueue-missing-${id}`;
      for (const dryRun of ['none', 'server']) {
        const result = await runCli(['install', '--with-executor', '-n', missing, `--dry-run=${dryRun}`, ...flags()]);
        expect(result).toMatchObject({
          code: 1,
          stdout: '',
          stderr: `error: namespace ${missing} does not exist\n  hint: create it first (kubectl create namespace ${missing}), or choose another with -n\n`,
        });
      }
    });
  });
});
