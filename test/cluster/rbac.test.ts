import { randomBytes } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { SimpleType } from '@flyteorg/flyteidl2/flyteidl2/core/types_pb.js';
import { ConditionActionSchema } from '@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueCondition } from '../../shared/actions/index.js';
import { installObjects } from '../../shared/install/install-objects.js';
import { type HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { type KubeObject, type WatchEvent } from '../../shared/kube/kube-object.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { CLUSTER_ROLES, EVENTS, EVENTS_V1, LEASES, PODS, type ResourceType, SERVICE_ACCOUNTS } from '../../shared/kube/resource-type.js';
import { resourceTypeOf } from '../../shared/kube/resource-type-of.js';
import { serverSideApply } from '../../shared/kube/server-side-apply.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { manifestObjects, manifestTexts } from '../helpers/manifest-files.js';
import { ROLE_CONTRACT } from '../helpers/role-contract.js';
import {
  type AccessQuestion,
  bindClusterRole,
  clientAs,
  clientWithToken,
  expectForbidden,
  expectNotForbidden,
  isAllowed,
  serviceAccountToken,
  waitUntilAllowed,
} from '../harness/cluster/access-control.js';
import { S3_REQUIRED_FIELDS } from '../helpers/s3-required-spec.js';
import { runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, testCrd, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';

const AUTHENTICATED = ['system:authenticated'];

/** Everything the matrix asks about: the roles' own resources and their neighbours that must stay closed. */
const RESOURCES: { group: string; resource: string; subresource?: string }[] = [
  { group: 'flyte.org', resource: 'taskactions' },
  { group: 'flyte.org', resource: 'taskactions', subresource: 'status' },
  { group: 'flyte.org', resource: 'taskactions', subresource: 'finalizers' },
  { group: '', resource: 'pods' },
  { group: '', resource: 'pods', subresource: 'log' },
  { group: '', resource: 'pods', subresource: 'exec' },
  { group: '', resource: 'pods', subresource: 'status' },
  { group: '', resource: 'events' },
  { group: 'events.k8s.io', resource: 'events' },
  { group: 'coordination.k8s.io', resource: 'leases' },
  { group: '', resource: 'secrets' },
  { group: '', resource: 'configmaps' },
  { group: '', resource: 'serviceaccounts' },
  { group: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
  { group: '', resource: 'namespaces' },
];
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

function taskAction(name: string, owner?: KubeObject): KubeObject {
  return {
    apiVersion: 'flyte.org/v1',
    kind: 'TaskAction',
    metadata: {
      name,
      labels: { 'flyte.org/run': 'rbac' },
      ...(owner
        ? { ownerReferences: [{ apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', blockOwnerDeletion: true }] }
        : {}),
    },
    spec: { runName: 'rbac', project: 'p', domain: 'd', actionName: name.slice(0, 30), ...S3_REQUIRED_FIELDS },
  } as KubeObject;
}

function pod(name: string, owner?: KubeObject): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      annotations: { 'kueue.test/outcome': 'Running' },
      ...(owner
        ? {
            ownerReferences: [
              { apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
            ],
          }
        : {}),
    },
    spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['true'] }] },
  } as KubeObject;
}

/** MicroTime, as events.k8s.io wants it: six fractional digits. */
function microTime(): string {
  return new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The first event of a watch on one object, or the watch's own error (a 403 arrives that way). */
function firstWatchEvent(client: HttpKubeClient, type: ResourceType, namespace: string, name: string): Promise<WatchEvent<KubeObject>> {
  return new Promise((resolve, reject) => {
    const handle = client.watch<KubeObject>(type, namespace, { fieldSelector: `metadata.name=${name}` }, (event) => {
      handle.stop();
      resolve(event);
    });
    handle.done.then(() => reject(new Error('the watch ended without an event')), reject);
  });
}

describe.skipIf(clusterUnavailable())('the kueue-* ClusterRoles on the real authorizer', () => {
  const ns = useClusterNamespace('rbac');
  const id = randomBytes(3).toString('hex');
  const opened: HttpKubeClient[] = [];
  const track = (client: HttpKubeClient) => (opened.push(client), client);

  beforeAll(async () => {
    // Same objects and field manager as `kubectl kueue install`: re-applying them here is a no-op when the
    // install suite (or an earlier run) got there first.
    for (const role of installObjects(manifestTexts()).filter((o) => o.kind === 'ClusterRole')) {
      await serverSideApply(ns.client, CLUSTER_ROLES, role);
    }
  });
  afterAll(() => opened.forEach((c) => c.close()));

  describe.each(Object.keys(ROLE_CONTRACT))('%s', (role) => {
    it('grants exactly its contract in the namespace it is bound in, and nothing in any other', async () => {
      const user = `matrix-${role}-${id}`;
      await bindClusterRole(ns.client, ns.namespace, `matrix-${role}`, role, { kind: 'User', name: user });
      const contract = ROLE_CONTRACT[role] ?? {};
      const [firstResource, firstVerbs] = Object.entries(contract)[0] ?? ['', []];
      const [group = '', resource = '', subresource] = firstResource.split('/');
      await waitUntilAllowed(ns.client, user, AUTHENTICATED, { namespace: ns.namespace, group, resource, subresource, verb: firstVerbs[0] ?? '' });

      const questions: { key: string; expected: boolean; question: AccessQuestion }[] = [];
      for (const namespace of [ns.namespace, 'default']) {
        for (const r of RESOURCES) {
          const key = `${r.group}/${r.resource}${r.subresource ? `/${r.subresource}` : ''}`;
          for (const verb of VERBS) {
            const expected = namespace === ns.namespace && (contract[key] ?? []).includes(verb);
            questions.push({ key: `${namespace} ${key} ${verb}`, expected, question: { namespace, ...r, verb } });
          }
        }
      }
      const answers = await Promise.all(questions.map((q) => isAllowed(ns.client, user, AUTHENTICATED, q.question)));
      const wrong = questions.filter((q, i) => answers[i] !== q.expected).map((q) => `${q.key}: expected ${q.expected ? 'allowed' : 'denied'}`);
      expect(wrong).toEqual([]);
      expect(answers.filter(Boolean).length).toBe(Object.values(contract).flat().length);
    });
  });

  describe('kueue-user, through impersonation (--as)', () => {
    const user = `alice-${id}`;
    let alice: HttpKubeClient;

    beforeAll(async () => {
      await bindClusterRole(ns.client, ns.namespace, 'alice-kueue-user', 'kueue-user', { kind: 'User', name: user });
      await waitUntilAllowed(ns.client, user, AUTHENTICATED, { namespace: ns.namespace, group: 'flyte.org', resource: 'taskactions', verb: 'create' });
      alice = track(clientAs(ns.kubeconfig, ns.namespace, user));
    });

    it('enqueues, gets, lists, watches and aborts TaskActions', async () => {
      const created = await alice.create(TASKACTIONS, ns.namespace, taskAction('user-root'));
      expect(created.metadata.uid).toBeTruthy();
      await alice.create(TASKACTIONS, ns.namespace, taskAction('user-child', created));
      expect((await alice.get(TASKACTIONS, ns.namespace, 'user-root')).metadata.uid).toBe(created.metadata.uid);
      const listed = await alice.list(TASKACTIONS, ns.namespace, { labelSelector: 'flyte.org/run=rbac' });
      expect(listed.items.map((i) => i.metadata.name).sort()).toEqual(['user-child', 'user-root']);
      expect((await firstWatchEvent(alice, TASKACTIONS, ns.namespace, 'user-root')).type).toBe('ADDED');
      await alice.delete(TASKACTIONS, ns.namespace, 'user-root', { propagationPolicy: 'Background' });
      await pollUntil(async () => (await alice.list(TASKACTIONS, ns.namespace, { labelSelector: 'flyte.org/run=rbac' })).items.length === 0, {
        timeoutMs: 30_000,
        what: () => 'the garbage collector to remove the child of the aborted root',
      });
    });

    it('reads Pods and is allowed to ask for their logs', async () => {
      await ns.client.create(PODS, ns.namespace, pod('user-visible'));
      expect((await alice.get(PODS, ns.namespace, 'user-visible')).metadata.name).toBe('user-visible');
      expect((await alice.list(PODS, ns.namespace)).items.map((p) => p.metadata.name)).toContain('user-visible');
      expect((await firstWatchEvent(alice, PODS, ns.namespace, 'user-visible')).type).toBe('ADDED');
      // kwok has no kubelet to stream logs, so the request fails after authorization, never with 403.
      await expectNotForbidden(alice.getRaw(`/api/v1/namespaces/${ns.namespace}/pods/user-visible/log`));
    });

    it('stops actions (the kueue.dev/stop annotation) and reads the executor Lease', async () => {
      await ns.client.create(TASKACTIONS, ns.namespace, taskAction('user-stoppable'));
      const stopped = await alice.patch<TaskAction>(TASKACTIONS, ns.namespace, 'user-stoppable', { metadata: { annotations: { 'kueue.dev/stop': '2026-01-01T00:00:00Z' } } }, 'merge');
      expect(stopped.metadata.annotations?.['kueue.dev/stop']).toBe('2026-01-01T00:00:00Z');
      // No executor ran here: the Lease is missing, which is an answer, not a refusal.
      await expectNotForbidden(alice.get(LEASES, ns.namespace, 'kueue-executor'));
    });

    it('may not edit TaskActions, write their status, create Pods, or act in another namespace', async () => {
      const target = await ns.client.create(TASKACTIONS, ns.namespace, taskAction('user-readonly'));
      const who = { user, namespace: ns.namespace };
      const message = await expectForbidden(alice.replace(TASKACTIONS, ns.namespace, target), { ...who, verb: 'update', resource: 'taskactions', group: 'flyte.org' });
      expect(message).toBe(
        `Error from server (Forbidden): taskactions.flyte.org "user-readonly" is forbidden: User "${user}" cannot update resource "taskactions" in API group "flyte.org" in the namespace "${ns.namespace}"\n` +
          `  hint: the ClusterRole kueue-executor grants this; ask an administrator to bind it: kubectl create rolebinding kueue-executor --clusterrole=kueue-executor --user=${user} --namespace=${ns.namespace}`,
      );
      await expectForbidden(alice.patch(TASKACTIONS, ns.namespace, 'user-readonly', { status: { pluginPhase: 'PhaseRunning' } }, 'merge', { subresource: 'status' }), {
        ...who,
        verb: 'patch',
        resource: 'taskactions/status',
        group: 'flyte.org',
      });
      await expectForbidden(alice.create(PODS, ns.namespace, pod('user-made')), { ...who, verb: 'create', resource: 'pods', group: '' });
      await expectForbidden(alice.list(TASKACTIONS, 'default'), { user, namespace: 'default', verb: 'list', resource: 'taskactions', group: 'flyte.org' });
    });
  });

  describe('kueue-serve, through impersonation (--as)', () => {
    const user = `queue-${id}`;
    let server: HttpKubeClient;

    beforeAll(async () => {
      await bindClusterRole(ns.client, ns.namespace, 'queue-kueue-serve', 'kueue-serve', { kind: 'User', name: user });
      await waitUntilAllowed(ns.client, user, AUTHENTICATED, { namespace: ns.namespace, group: 'flyte.org', resource: 'taskactions', verb: 'create' });
      server = track(clientAs(ns.kubeconfig, ns.namespace, user));
    });

    it('enqueues (parent lookup, then create with an ownerReference), finds a run by labels and aborts', async () => {
      await server.create(TASKACTIONS, ns.namespace, taskAction('serve-root'));
      const parent = await server.get(TASKACTIONS, ns.namespace, 'serve-root');
      await server.create(TASKACTIONS, ns.namespace, taskAction('serve-child', parent));
      const run = await server.list(TASKACTIONS, ns.namespace, { labelSelector: 'flyte.org/run=rbac' });
      expect(run.items.map((i) => i.metadata.name)).toEqual(expect.arrayContaining(['serve-root', 'serve-child']));
      await server.delete(TASKACTIONS, ns.namespace, 'serve-child');
      await server.delete(TASKACTIONS, ns.namespace, 'serve-root');
    });

    it('watches TaskActions and patches their status (ActionsService), but may not change their spec or read Pods', async () => {
      await ns.client.create(TASKACTIONS, ns.namespace, taskAction('serve-other'));
      const who = { user, namespace: ns.namespace };
      expect((await firstWatchEvent(server, TASKACTIONS, ns.namespace, 'serve-other')).object.metadata.name).toBe('serve-other');
      const signalled = await server.patch<TaskAction>(TASKACTIONS, ns.namespace, 'serve-other', { status: { signalledBy: 'rbac' } }, 'merge', { subresource: 'status' });
      expect(signalled.metadata.name).toBe('serve-other');
      await expectForbidden(server.patch(TASKACTIONS, ns.namespace, 'serve-other', { metadata: { labels: { changed: 'yes' } } }, 'merge'), {
        ...who,
        verb: 'patch',
        resource: 'taskactions',
        group: 'flyte.org',
      });
      await expectForbidden(server.list(PODS, ns.namespace), { ...who, verb: 'list', resource: 'pods', group: '' });
    });
  });

  describe('kueue-executor, with a real service-account token, bound by crds/in-cluster-executor.yaml', () => {
    let user = '';
    let executor: HttpKubeClient;

    beforeAll(async () => {
      // The manifest's own ServiceAccount and RoleBinding, moved from namespace flyte to this suite's namespace.
      for (const object of manifestObjects('in-cluster-executor.yaml').filter((o) => o.kind === 'ServiceAccount' || o.kind === 'RoleBinding')) {
        const moved = JSON.parse(JSON.stringify(object).replaceAll('"namespace":"flyte"', `"namespace":"${ns.namespace}"`)) as KubeObject;
        await ns.client.create(resourceTypeOf(moved), ns.namespace, moved);
      }
      user = `system:serviceaccount:${ns.namespace}:kueue-executor`;
      await waitUntilAllowed(ns.client, user, [], { namespace: ns.namespace, group: 'flyte.org', resource: 'taskactions', subresource: 'status', verb: 'update' });
      executor = track(clientWithToken(ns.kubeconfig, ns.namespace, await serviceAccountToken(ns.client, ns.namespace, 'kueue-executor')));
    });

    afterAll(async () => {
      // The finalizer the executor added would keep the namespace from being deleted.
      await ns.client.patch(TASKACTIONS, ns.namespace, 'exec-action', { metadata: { finalizers: null } }, 'merge').catch(() => undefined);
    });

    it('authenticates as the service account', async () => {
      const message = await expectForbidden(executor.get({ group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true }, ns.namespace, 'any'), {
        user,
        namespace: ns.namespace,
        verb: 'get',
        resource: 'secrets',
        group: '',
      });
      expect(message).toContain(`User "system:serviceaccount:${ns.namespace}:kueue-executor"`);
    });

    it('watches TaskActions, adds its finalizer, and writes status with get, update and patch', async () => {
      await ns.client.create(TASKACTIONS, ns.namespace, taskAction('exec-action'));
      expect((await firstWatchEvent(executor, TASKACTIONS, ns.namespace, 'exec-action')).type).toBe('ADDED');
      expect((await executor.list(TASKACTIONS, ns.namespace)).items.map((i) => i.metadata.name)).toContain('exec-action');
      await executor.patch(TASKACTIONS, ns.namespace, 'exec-action', { metadata: { finalizers: ['flyte.org/plugin-finalizer'] } }, 'merge');
      const current = await executor.get(TASKACTIONS, ns.namespace, 'exec-action');
      current.metadata.labels = { ...current.metadata.labels, 'kueue.test/seen': 'yes' };
      await executor.replace(TASKACTIONS, ns.namespace, current);
      await executor.patch(TASKACTIONS, ns.namespace, 'exec-action', { status: { pluginPhase: 'PhaseQueued', pluginPhaseVersion: 0 } }, 'merge', {
        subresource: 'status',
      });
      const withStatus = JSON.parse(await executor.getRaw(`/apis/flyte.org/v1/namespaces/${ns.namespace}/taskactions/exec-action/status`)) as KubeObject & {
        status?: { pluginPhase?: string };
      };
      expect(withStatus.status?.pluginPhase).toBe('PhaseQueued');
      withStatus.status = { pluginPhase: 'PhaseRunning' };
      const updated = await executor.replace(TASKACTIONS, ns.namespace, withStatus, { subresource: 'status' });
      expect(updated.status?.pluginPhase).toBe('PhaseRunning');
      expect(updated.metadata.finalizers).toEqual(['flyte.org/plugin-finalizer']);
    });

    it('runs Pods: create (owned by the TaskAction), get, list, watch, patch, delete', async () => {
      const owner = await ns.client.create(TASKACTIONS, ns.namespace, taskAction('exec-owner'));
      await executor.create(PODS, ns.namespace, pod('exec-pod', owner));
      expect((await executor.get(PODS, ns.namespace, 'exec-pod')).metadata.ownerReferences?.[0]?.uid).toBe(owner.metadata.uid);
      expect((await executor.list(PODS, ns.namespace)).items.map((p) => p.metadata.name)).toContain('exec-pod');
      expect((await firstWatchEvent(executor, PODS, ns.namespace, 'exec-pod')).type).toBe('ADDED');
      await executor.patch(PODS, ns.namespace, 'exec-pod', { metadata: { labels: { 'kueue.test/patched': 'yes' } } }, 'merge');
      await executor.delete(PODS, ns.namespace, 'exec-pod', { gracePeriodSeconds: 0 });
    });

    it('records events through both event APIs and holds a Lease', async () => {
      const involved = { apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: 'exec-action', namespace: ns.namespace };
      await executor.create(EVENTS, ns.namespace, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'exec-action.core' },
        involvedObject: involved,
        reason: 'Queued',
        message: 'task submitted',
        type: 'Normal',
        count: 1,
      } as KubeObject);
      await executor.patch(EVENTS, ns.namespace, 'exec-action.core', { count: 2 }, 'merge');
      await executor.create(EVENTS_V1, ns.namespace, {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name: 'exec-action.v1' },
        eventTime: microTime(),
        reportingController: 'flyte.org/kueue-executor',
        reportingInstance: 'test',
        action: 'Reconcile',
        reason: 'Queued',
        regarding: involved,
        note: 'task submitted',
        type: 'Normal',
      } as KubeObject);
      // Repeats of an events.k8s.io Event are recorded as a series (its note is immutable).
      await executor.patch(EVENTS_V1, ns.namespace, 'exec-action.v1', { series: { count: 2, lastObservedTime: microTime() } }, 'merge');

      const lease = await executor.create(LEASES, ns.namespace, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: 'kueue-executor' },
        spec: { holderIdentity: 'a', leaseDurationSeconds: 15 },
      } as KubeObject);
      const held = await executor.get<KubeObject & { spec: Record<string, unknown> }>(LEASES, ns.namespace, 'kueue-executor');
      held.spec['holderIdentity'] = 'b';
      const renewed = await executor.replace(LEASES, ns.namespace, held);
      expect(renewed.metadata.resourceVersion).not.toBe(lease.metadata.resourceVersion);
      // Replicas of an every-namespace executor count each other's member Leases and delete their own on exit.
      expect((await executor.list(LEASES, ns.namespace)).items.map((l) => l.metadata.name)).toContain('kueue-executor');
      await executor.delete(LEASES, ns.namespace, 'kueue-executor');
    });

    it('deletes TaskActions (retention of finished runs)', async () => {
      await ns.client.create(TASKACTIONS, ns.namespace, taskAction('exec-expired'));
      await executor.delete(TASKACTIONS, ns.namespace, 'exec-expired', { propagationPolicy: 'Background' });
    });

    it('may not create TaskActions', async () => {
      const who = { user, namespace: ns.namespace };
      const message = await expectForbidden(executor.create(TASKACTIONS, ns.namespace, taskAction('exec-new')), { ...who, verb: 'create', resource: 'taskactions', group: 'flyte.org' });
      expect(message).toBe(
        `Error from server (Forbidden): taskactions.flyte.org is forbidden: User "${user}" cannot create resource "taskactions" in API group "flyte.org" in the namespace "${ns.namespace}"\n` +
          `  hint: the ClusterRole kueue-user grants this; ask an administrator to bind it: kubectl create rolebinding kueue-user --clusterrole=kueue-user --serviceaccount=${ns.namespace}:kueue-executor --namespace=${ns.namespace}`,
      );
    });
  });

  // Flyte's S3 CRD has no condition actions (it prunes actionType and the signal fields): nothing to signal there.
  describe.skipIf(testCrd() === 'flyte-s3')('kueue-signaller, with real service-account tokens and the CLI', () => {
    const tokens: Record<'signaller' | 'user', string> = { signaller: '', user: '' };
    const signal = (who: keyof typeof tokens, run: string) =>
      runCli(['signal', run, 'approve', 'true', '--signalled-by', who, '--kubeconfig', ns.kubeconfig, '-n', ns.namespace, '--token', tokens[who]]);
    const waitFor = async (run: string) => {
      await enqueueCondition(ns.client, ns.namespace, {
        org: 'acme',
        project: 'p',
        domain: 'd',
        runName: run,
        actionName: 'approve',
        inputUri: `s3://bucket/${run}/approve/inputs.pb`,
        runOutputBase: `s3://bucket/${run}/`,
        condition: create(ConditionActionSchema, { name: 'approve', prompt: 'ship it?', type: { type: { case: 'simple', value: SimpleType.BOOLEAN } } }),
      });
    };

    beforeAll(async () => {
      // `signaller` has only kueue-signaller; `user` only kueue-user, what most people are given.
      for (const [account, role] of [
        ['signaller', 'kueue-signaller'],
        ['user', 'kueue-user'],
      ] as const) {
        await ns.client.create(SERVICE_ACCOUNTS, ns.namespace, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account } });
        await bindClusterRole(ns.client, ns.namespace, `sa-${account}`, role, { kind: 'ServiceAccount', name: account, namespace: ns.namespace });
        await waitUntilAllowed(ns.client, `system:serviceaccount:${ns.namespace}:${account}`, [], { namespace: ns.namespace, group: 'flyte.org', resource: 'taskactions', verb: 'get' });
        tokens[account] = await serviceAccountToken(ns.client, ns.namespace, account);
      }
    });

    it('a service account bound to kueue-signaller signals a condition action', async () => {
      await waitFor('sig-ok');
      const result = await signal('signaller', 'sig-ok');
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('taskaction.flyte.org/sig-ok-approve signalled\n');
      expect(result.code).toBe(0);
      const stored = await ns.client.get<TaskAction>(TASKACTIONS, ns.namespace, 'sig-ok-approve');
      expect(stored.status?.signalledBy).toBe('signaller');
      expect(stored.status?.signalValue).toBeTruthy();
    });

    it('kueue-user alone is refused with the Forbidden answer and the role to bind', async () => {
      await waitFor('sig-no');
      const result = await signal('user', 'sig-no');
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      const user = `system:serviceaccount:${ns.namespace}:user`;
      expect(result.stderr).toBe(
        `error: TaskAction ${ns.namespace}/sig-no-approve, field status.signalValue: Error from server (Forbidden): taskactions.flyte.org "sig-no-approve" is forbidden: ` +
          `User "${user}" cannot patch resource "taskactions/status" in API group "flyte.org" in the namespace "${ns.namespace}"\n` +
          `  hint: signalling writes the action's status, which kueue-user does not grant; ask for the kueue-signaller ClusterRole in this namespace: ` +
          `kubectl create rolebinding kueue-signaller --clusterrole=kueue-signaller --user=<you> -n ${ns.namespace}\n`,
      );
      expect((await ns.client.get<TaskAction>(TASKACTIONS, ns.namespace, 'sig-no-approve')).status?.signalValue).toBeUndefined();
    });
  });

  it('crds/in-cluster-serve.yaml binds the serve service account to kueue-serve', async () => {
    for (const object of manifestObjects('in-cluster-serve.yaml').filter((o) => o.kind === 'ServiceAccount' || o.kind === 'RoleBinding')) {
      const moved = JSON.parse(JSON.stringify(object).replaceAll('"namespace":"flyte"', `"namespace":"${ns.namespace}"`)) as KubeObject;
      await ns.client.create(resourceTypeOf(moved), ns.namespace, moved);
    }
    const user = `system:serviceaccount:${ns.namespace}:kueue-serve`;
    const groups = ['system:serviceaccounts', `system:serviceaccounts:${ns.namespace}`, 'system:authenticated'];
    await waitUntilAllowed(ns.client, user, groups, { namespace: ns.namespace, group: 'flyte.org', resource: 'taskactions', verb: 'create' });
    expect(await isAllowed(ns.client, user, groups, { namespace: ns.namespace, group: 'flyte.org', resource: 'taskactions', verb: 'watch' })).toBe(true);
    expect(await isAllowed(ns.client, user, groups, { namespace: ns.namespace, group: 'flyte.org', resource: 'taskactions', verb: 'update' })).toBe(false);
  });
});
