import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executorPresence } from '../../shared/executor/executor-presence.js';
import { type Executor } from '../../shared/executor/executor.js';
import { type KubeObject } from '../../shared/kube/kube-object.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { CLUSTER_ROLES, type ResourceType } from '../../shared/kube/resource-type.js';
import { serverSideApply } from '../../shared/kube/server-side-apply.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { displayPhase } from '../../shared/task-action/display-phase.js';
import { manifestObject } from '../helpers/manifest-files.js';
import { runCli } from '../helpers/run-cli.js';
import { bindClusterRole, waitUntilAllowed } from '../harness/cluster/access-control.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { enqueueRun, listRun, runPods, startExecutor, sketches } from './executor-fixtures.js';

const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['sleep', '1000'] });
const RUNNING_FOREVER = { 'kueue.test/outcome': 'Running' };
const FINALIZER = 'flyte.org/plugin-finalizer';
const ROLES: ResourceType = { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', plural: 'roles', namespaced: true };

/** A namespaced Role with the given rules, for users whose rights differ from kueue-user's. */
function role(name: string, rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[]): KubeObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name }, rules } as KubeObject;
}

const TASKACTION_RULE = { apiGroups: ['flyte.org'], resources: ['taskactions'], verbs: ['get', 'list', 'watch', 'create', 'delete', 'patch'] };
const POD_READ_RULE = { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] };
const LEASE_RULE = { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get'] };

describe.skipIf(clusterUnavailable())('abort when no executor holds the Lease', () => {
  const ns = useClusterNamespace('abort-alone');
  const id = randomBytes(3).toString('hex');
  const flags = () => ['--kubeconfig', ns.kubeconfig, '-n', ns.namespace, '--org', 'acme', '--project', 'proj', '--domain', 'dev'];
  const actionName = (run: string, action: string) => `acme-proj-dev-${run}-${action}`;
  let executor: Executor | undefined;

  /** Runs `actions` (`name` or `name<parent`) until every Pod runs, with an executor that is then stopped. */
  const runThenLoseExecutor = async (run: string, actions: string[]) => {
    const started = await startExecutor(ns.client, ns.namespace);
    executor = started.executor;
    await enqueueRun(
      ns.client,
      ns.namespace,
      run,
      sketches(actions, template, RUNNING_FOREVER),
    );
    await pollUntil(
      async () =>
        (await listRun(ns.client, ns.namespace, run)).every((a) => displayPhase(a) === 'Running' && (a.metadata.finalizers ?? []).includes(FINALIZER)) &&
        (await runPods(ns.client, ns.namespace, run)).filter((p) => p.status?.phase === 'Running').length === actions.length,
      { timeoutMs: 60_000, what: () => `run ${run} to be running` },
    );
    await executor.stop();
    executor = undefined;
    await pollUntil(async () => (await executorPresence(ns.client, ns.namespace)) === 'absent', { timeoutMs: 30_000, what: () => 'the Lease to be free' });
  };

  beforeAll(async () => {
    // The roles as `kubectl kueue install` applies them (a no-op when another suite got there first).
    await serverSideApply(ns.client, CLUSTER_ROLES, manifestObject('rbac-user.yaml', 'ClusterRole', 'kueue-user'));
  });
  afterAll(async () => {
    await executor?.stop();
  });

  it('ends the run itself: Pods deleted, finalizers removed, run gone, and says so', async () => {
    await runThenLoseExecutor('lost', ['a0', 'b<a0', 'c<b']);
    const pods = (await runPods(ns.client, ns.namespace, 'lost')).map((p) => p.metadata.name ?? '');
    expect(pods).toHaveLength(3);

    const result = await runCli(['abort', 'run', 'lost', '--wait', '--timeout', '2m', ...flags()]);
    expect(result.code, result.stderr).toBe(0);
    const [deletedRoot, ...podLines] = result.stdout.trimEnd().split('\n');
    expect(deletedRoot).toBe(`taskaction.flyte.org/${actionName('lost', 'a0')} deleted`);
    expect(podLines.sort()).toEqual(pods.map((name) => `pod/${name} deleted`).sort());
    expect(result.stderr.split('\n')[0]).toBe(
      `no executor holds Lease kueue-executor in namespace ${ns.namespace}: abort deleted 3 Pods and removed the finalizer ${FINALIZER} from 3 TaskActions itself`,
    );
    // Pods that outlive their TaskAction are waited for too (kwok may have removed them before the first look).
    expect(result.stderr).toMatch(/waiting: 0 TaskAction\(s\) left\n(waiting: [1-3] Pod\(s\) left\n(waiting: [0-2] Pod\(s\) left\n)*)?$/);
    // --wait returned: nothing of the run is left, without any executor.
    expect(await listRun(ns.client, ns.namespace, 'lost')).toEqual([]);
    expect(await runPods(ns.client, ns.namespace, 'lost')).toEqual([]);
  });

  it('aborts one action without waiting: its subtree and their Pods go, its parent keeps running', async () => {
    await runThenLoseExecutor('part', ['a0', 'b<a0', 'c<b']);
    const result = await runCli(['abort', 'action', 'b', '--run', 'part', ...flags()]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n').filter((line) => line.startsWith('pod/')).sort()).toEqual(
      [`pod/${actionName('part', 'b')}-a1 deleted`, `pod/${actionName('part', 'c')}-a1 deleted`],
    );
    expect(result.stderr).toBe(
      `no executor holds Lease kueue-executor in namespace ${ns.namespace}: abort deleted 2 Pods and removed the finalizer ${FINALIZER} from 2 TaskActions itself\n`,
    );
    await pollUntil(async () => (await listRun(ns.client, ns.namespace, 'part')).length === 1, { timeoutMs: 60_000, what: () => 'b and c to be gone' });
    const [left] = await listRun(ns.client, ns.namespace, 'part');
    expect(left?.spec.actionName).toBe('a0');
    expect(left?.metadata.finalizers).toEqual([FINALIZER]);
    expect((await runPods(ns.client, ns.namespace, 'part')).map((p) => [p.metadata.name, p.status?.phase])).toEqual([[`${actionName('part', 'a0')}-a1`, 'Running']]);
    expect((await runCli(['abort', 'run', 'part', '--wait', ...flags()])).code).toBe(0);
    expect(await runPods(ns.client, ns.namespace, 'part')).toEqual([]);
  });

  it('ends the run with a foreground cascade too (children first, the root last)', async () => {
    await runThenLoseExecutor('fg', ['a0', 'b<a0', 'c<b']);
    const result = await runCli(['abort', 'run', 'fg', '--cascade', 'foreground', '--wait', '--timeout', '2m', ...flags()]);
    expect(result.code, result.stderr).toBe(0);
    // The foreground deletion has the garbage collector delete the root's dependents, its Pod among them, at once:
    // abort deletes only the Pods that are not being deleted yet.
    expect(result.stderr).toMatch(new RegExp(`abort deleted [0-3] Pods? and removed the finalizer ${FINALIZER} from 3 TaskActions itself\n`));
    expect(await listRun(ns.client, ns.namespace, 'fg')).toEqual([]);
    expect(await runPods(ns.client, ns.namespace, 'fg')).toEqual([]);
  });

  it('--cleanup never leaves the Pods to an executor and says what keeps running; a later abort ends the stuck run', async () => {
    await runThenLoseExecutor('kept', ['a0', 'b<a0']);
    const result = await runCli(['abort', 'run', 'kept', '--cleanup', 'never', ...flags()]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`taskaction.flyte.org/${actionName('kept', 'a0')} deleted\n`);
    expect(result.stderr).toBe(
      `warning: no executor holds Lease kueue-executor in namespace ${ns.namespace}: 2 Pods keep running and 2 TaskActions stay until an executor ` +
        `removes the finalizer ${FINALIZER}; start one (kubectl kueue executor -n ${ns.namespace}) or abort again with --cleanup=auto\n`,
    );
    const [root] = (await listRun(ns.client, ns.namespace, 'kept')).filter((a) => a.spec.actionName === 'a0');
    expect(root?.metadata.deletionTimestamp).toBeDefined();
    expect((await runPods(ns.client, ns.namespace, 'kept')).map((p) => p.status?.phase)).toEqual(['Running', 'Running']);

    // The run stuck in deletion is what an abort before this change left behind: aborting again ends it.
    const again = await runCli(['abort', 'run', 'kept', '--wait', '--timeout', '2m', ...flags()]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`abort deleted 2 Pods and removed the finalizer ${FINALIZER} from 2 TaskActions itself\n`);
    expect(await listRun(ns.client, ns.namespace, 'kept')).toEqual([]);
    expect(await runPods(ns.client, ns.namespace, 'kept')).toEqual([]);
  });

  it('with a live executor, leaves the Pods to it as before', async () => {
    const live = await startExecutor(ns.client, ns.namespace);
    executor = live.executor;
    await enqueueRun(ns.client, ns.namespace, 'served', [{ name: 'a0', template, annotations: RUNNING_FOREVER }]);
    await pollUntil(async () => (await runPods(ns.client, ns.namespace, 'served')).some((p) => p.status?.phase === 'Running'), {
      timeoutMs: 60_000,
      what: () => 'the Pod to run',
    });
    const result = await runCli(['abort', 'run', 'served', '--wait', '--timeout', '2m', ...flags()]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`taskaction.flyte.org/${actionName('served', 'a0')} deleted\n`);
    expect(result.stderr).not.toContain('no executor');
    expect(await listRun(ns.client, ns.namespace, 'served')).toEqual([]);
    // The executor aborted the action (abort itself deleted nothing).
    await pollUntil(() => Promise.resolve(live.transitions.some((t) => t.runName === 'served' && t.phase === 'Aborted')), {
      timeoutMs: 15_000,
      what: () => 'the executor to report the abort',
    });
    await pollUntil(async () => (await runPods(ns.client, ns.namespace, 'served')).length === 0, { timeoutMs: 30_000, what: () => 'the Pod to be gone' });
    await executor.stop();
    executor = undefined;
  });

  describe('rights', () => {
    const user = (name: string) => `${name}-${id}`;
    const asUser = (name: string) => ['--as', user(name)];

    beforeAll(async () => {
      await ns.client.create(ROLES, ns.namespace, role('without-pod-delete', [TASKACTION_RULE, LEASE_RULE, POD_READ_RULE]));
      await ns.client.create(ROLES, ns.namespace, role('without-leases', [TASKACTION_RULE, POD_READ_RULE, { ...POD_READ_RULE, verbs: ['delete'] }]));
      for (const [name, kind, roleName] of [
        ['carol', 'Role', 'without-pod-delete'],
        ['dave', 'Role', 'without-leases'],
      ] as const) {
        await ns.client.create(
          { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', plural: 'rolebindings', namespaced: true },
          ns.namespace,
          {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'RoleBinding',
            metadata: { name },
            roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: roleName },
            subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user(name) }],
          } as KubeObject,
        );
      }
      await bindClusterRole(ns.client, ns.namespace, 'alice', 'kueue-user', { kind: 'User', name: user('alice') });
      for (const [name, resource, group] of [
        ['alice', 'pods', ''],
        ['carol', 'leases', 'coordination.k8s.io'],
        ['dave', 'pods', ''],
      ] as const) {
        await waitUntilAllowed(ns.client, user(name), ['system:authenticated'], { namespace: ns.namespace, group, resource, verb: resource === 'pods' ? 'delete' : 'get' });
      }
    });

    it('the kueue-user ClusterRole has every right abort needs to end a run alone', async () => {
      await runThenLoseExecutor('alices', ['a0', 'b<a0']);
      const result = await runCli(['abort', 'run', 'alices', '--wait', '--timeout', '2m', ...asUser('alice'), ...flags()]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('abort deleted 2 Pods and removed the finalizer');
      expect(await listRun(ns.client, ns.namespace, 'alices')).toEqual([]);
      expect(await runPods(ns.client, ns.namespace, 'alices')).toEqual([]);
    });

    it('without delete on Pods: exit 1, naming the missing verb and what to do', async () => {
      await runThenLoseExecutor('carols', ['a0']);
      const result = await runCli(['abort', 'run', 'carols', ...asUser('carol'), ...flags()]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(`taskaction.flyte.org/${actionName('carols', 'a0')} deleted\n`);
      expect(result.stderr).toBe(
        `error: run "carols" is being deleted, but what it runs keeps running: no executor holds Lease kueue-executor in namespace ${ns.namespace}, ` +
          `and abort may not stop it itself: Error from server (Forbidden): pods "${actionName('carols', 'a0')}-a1" is forbidden: ` +
          `User "${user('carol')}" cannot delete resource "pods" in API group "" in the namespace "${ns.namespace}"\n` +
          `  hint: ending a run without an executor needs delete on pods and patch on taskactions.flyte.org (finalizer ${FINALIZER}) in namespace ${ns.namespace}: ` +
          'the ClusterRole kueue-user grants both (kubectl kueue install updates it); or start an executor (kubectl kueue executor), which ends the run\n',
      );
      expect((await runPods(ns.client, ns.namespace, 'carols')).map((p) => p.status?.phase)).toEqual(['Running']);
      // Someone with the rights finishes it.
      expect((await runCli(['abort', 'run', 'carols', '--wait', ...flags()])).code).toBe(0);
      expect(await runPods(ns.client, ns.namespace, 'carols')).toEqual([]);
    });

    it('without get on the Lease: refuses before deleting anything, saying how to choose', async () => {
      await runThenLoseExecutor('daves', ['a0']);
      const result = await runCli(['abort', 'run', 'daves', ...asUser('dave'), ...flags()]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `error: cannot tell whether an executor runs in namespace ${ns.namespace}: reading Lease kueue-executor failed: Error from server (Forbidden): ` +
          `leases.coordination.k8s.io "kueue-executor" is forbidden: User "${user('dave')}" cannot get resource "leases" in API group "coordination.k8s.io" in the namespace "${ns.namespace}"\n` +
          '  hint: abort needs get on leases.coordination.k8s.io (the ClusterRole kueue-user grants it) to decide who stops the Pods; ' +
          'or say it: --cleanup=always (no executor runs: abort stops them) or --cleanup=never (leave them to the executor)\n',
      );
      expect((await listRun(ns.client, ns.namespace, 'daves')).map((a) => a.metadata.deletionTimestamp)).toEqual([undefined]);
      const forced = await runCli(['abort', 'run', 'daves', '--cleanup', 'always', '--wait', ...asUser('dave'), ...flags()]);
      expect(forced.code, forced.stderr).toBe(0);
      expect(forced.stderr).toContain(`--cleanup=always: abort deleted 1 Pod and removed the finalizer ${FINALIZER} from 1 TaskAction itself\n`);
      expect(await runPods(ns.client, ns.namespace, 'daves')).toEqual([]);
    });
  });
});
