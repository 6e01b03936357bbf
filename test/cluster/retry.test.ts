import { describe, expect, it } from 'vitest';
import { runStatus } from '../../shared/runs/run-status.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { formatKubeTime } from '../../shared/task-action/condition.js';
import { executionLedger } from '../../shared/task-action/execution-ledger.js';
import { LABEL_COMPLETED_TIME, LABEL_TERMINATION_STATUS } from '../../shared/task-action/labels.js';
import { RETRY_ANNOTATION } from '../../shared/task-action/retry-request.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { byAction, enqueueRun, historyOf, isFailed, isSucceeded, listRun, runPods, settledHistoryOf, useTestExecutor, waitForRun } from './executor-fixtures.js';

const ok = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });
const flaky = containerTaskTemplate({ image: 'busybox:1.36', command: ['false'], retries: 1 });
const FAIL = { 'kueue.test/outcome': 'Failed', 'kueue.test/exit-code': '3' };

/** A terminal status as `stop` (Aborted) or the ordering rules (UpstreamFailed) leave it: no attempt ran. */
async function markFailed(client: ReturnType<typeof useClusterNamespace>['client'], namespace: string, action: TaskAction, reason: 'Aborted' | 'UpstreamFailed'): Promise<void> {
  const now = formatKubeTime(new Date());
  await client.replace(
    TASKACTIONS,
    namespace,
    {
      ...action,
      status: {
        conditions: [
          { type: 'Progressing', status: 'False', reason, message: reason, lastTransitionTime: now },
          { type: 'Failed', status: 'True', reason, message: reason, lastTransitionTime: now },
        ],
        phaseHistory: [{ phase: reason, occurredAt: now, message: reason }],
      },
    },
    { subresource: 'status' },
  );
}

describe.skipIf(clusterUnavailable())('retry and resubmit', () => {
  const ns = useClusterNamespace('retry');
  const flags = () => ['--kubeconfig', ns.kubeconfig, '-n', ns.namespace];
  const executor = useTestExecutor();

  it('runs a failed action again in place with new attempts and new Pods; succeeded actions are kept', async () => {
    await enqueueRun(ns.client, ns.namespace, 'fix', [
      { name: 'a0', template: ok },
      { name: 'b', parent: 'a0', template: flaky, annotations: FAIL },
    ]);
    await executor(ns.client, ns.namespace);
    const failed = byAction(
      await waitForRun(ns.client, ns.namespace, 'fix', (all) => {
        const b = byAction(all).get('b');
        return all.length === 2 && isSucceeded(byAction(all).get('a0')!) && b !== undefined && isFailed(b) && b.metadata.labels?.[LABEL_TERMINATION_STATUS] !== undefined;
      }),
    );
    const root = failed.get('a0')!;
    expect(executionLedger(failed.get('b')?.status).attempts).toBe(2);
    expect(failed.get('b')?.metadata.labels?.[LABEL_TERMINATION_STATUS]).toBe('terminated');

    // What the simulated kubelet does is read from the action's annotations when each attempt's Pod is made.
    await ns.client.patch(TASKACTIONS, ns.namespace, failed.get('b')!.metadata.name!, { metadata: { annotations: { 'kueue.test/outcome': 'Succeeded' } } }, 'merge');
    const retried = await runCli(['retry', 'fix', ...flags()]);
    expect(retried).toMatchObject({ code: 0, stderr: '' });
    expect(retried.stdout).toBe('taskaction.flyte.org/acme-proj-dev-fix-b retried\n');

    // The terminal labels follow the terminal status in a second write.
    const done = byAction(await waitForRun(ns.client, ns.namespace, 'fix', (all) => all.every((a) => isSucceeded(a) && a.metadata.labels?.[LABEL_TERMINATION_STATUS] !== undefined)));
    const b = done.get('b')!;
    expect(executionLedger(b.status).attempts).toBe(3);
    expect(settledHistoryOf(b)).toEqual(['Queued', 'RetryableFailure', 'Queued', 'PermanentFailure', 'Queued', 'Completed']);
    expect(historyOf(b)).toContain('Queued');
    expect(b.status?.phaseHistory?.find((h) => h.message === 'retry requested: starting attempt 3')).toBeDefined();
    expect(b.metadata.annotations?.[RETRY_ANNOTATION]).toBeDefined();
    // Finished again: labelled afresh, and without the finalizer.
    expect(b.metadata.labels?.[LABEL_TERMINATION_STATUS]).toBe('terminated');
    expect(b.metadata.labels?.[LABEL_COMPLETED_TIME]).toMatch(/^\d{4}-\d\d-\d\d\.\d\d-\d\d$/);
    expect(b.metadata.finalizers ?? []).toEqual([]);
    // The succeeded root was not touched.
    expect(done.get('a0')?.status).toEqual(root.status);
    const pods = (await runPods(ns.client, ns.namespace, 'fix')).filter((p) => p.metadata.labels?.['flyte.org/action'] === 'b');
    expect(new Set(pods.map((p) => p.metadata.labels?.['kueue.dev/attempt']))).toEqual(new Set(['1', '2', '3']));
    expect(runStatus(await listRun(ns.client, ns.namespace, 'fix')).phase).toBe('Succeeded');

    // Nothing left to retry: said so, exit 0, nothing written.
    const again = await runCli(['retry', 'fix', ...flags()]);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toBe('Nothing to retry: run "fix" has no failed, aborted or upstream-failed action (Succeeded, 2/2 succeeded).\n');
  });

  it('retries an aborted action (dropping its stop request) and an upstream-failed one, by subtree or for the run', async () => {
    const created = byAction(
      await enqueueRun(ns.client, ns.namespace, 'mixed', [
        { name: 'a0', template: ok },
        { name: 'stopped', parent: 'a0', template: ok },
        { name: 'under', parent: 'stopped', template: ok },
        { name: 'skipped', parent: 'a0', template: ok },
      ]),
    );
    // Ended before any executor ran them, as stop and the ordering rules end actions.
    await ns.client.patch(TASKACTIONS, ns.namespace, created.get('stopped')!.metadata.name!, { metadata: { annotations: { 'kueue.dev/stop': 'true' } } }, 'merge');
    for (const [name, reason] of [['stopped', 'Aborted'], ['under', 'UpstreamFailed'], ['skipped', 'UpstreamFailed']] as const) {
      const current = await ns.client.get<TaskAction>(TASKACTIONS, ns.namespace, created.get(name)!.metadata.name!);
      await markFailed(ns.client, ns.namespace, current, reason);
    }
    await executor(ns.client, ns.namespace);
    await waitForRun(ns.client, ns.namespace, 'mixed', (all) => isSucceeded(byAction(all).get('a0')!));
    expect(runStatus(await listRun(ns.client, ns.namespace, 'mixed')).phase).toBe('Aborted');

    const subtree = await runCli(['retry', 'mixed', 'stopped', ...flags()]);
    expect(subtree).toMatchObject({ code: 0, stderr: '' });
    expect(subtree.stdout).toBe('taskaction.flyte.org/acme-proj-dev-mixed-stopped retried\ntaskaction.flyte.org/acme-proj-dev-mixed-under retried\n');
    const afterSubtree = byAction(await waitForRun(ns.client, ns.namespace, 'mixed', (all) => ['stopped', 'under'].every((n) => isSucceeded(byAction(all).get(n)!))));
    expect(afterSubtree.get('stopped')?.metadata.annotations?.['kueue.dev/stop']).toBeUndefined();
    expect(executionLedger(afterSubtree.get('stopped')?.status).attempts).toBe(1);
    expect(isFailed(afterSubtree.get('skipped')!)).toBe(true);

    const rest = await runCli(['retry', 'mixed', ...flags()]);
    expect(rest.stdout).toBe('taskaction.flyte.org/acme-proj-dev-mixed-skipped retried\n');
    await waitForRun(ns.client, ns.namespace, 'mixed', (all) => all.length === 4 && all.every(isSucceeded));
    expect(runStatus(await listRun(ns.client, ns.namespace, 'mixed')).phase).toBe('Succeeded');
  });

  it('refuses an unknown run or action, naming what exists', async () => {
    const run = await runCli(['retry', 'nosuch', ...flags()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`run "nosuch" not found in namespace "${ns.namespace}"`);
    await enqueueRun(ns.client, ns.namespace, 'known', [{ name: 'a0', template: ok }]);
    const action = await runCli(['retry', 'known', 'nope', ...flags()]);
    expect(action.code).toBe(1);
    expect(action.stderr).toContain('action "nope" not found in run "known"');
    expect(action.stderr).toContain("the run's actions: a0");
    const resubmit = await runCli(['resubmit', 'nosuch', ...flags()]);
    expect(resubmit.code).toBe(1);
    expect(resubmit.stderr).toContain(`run "nosuch" not found in namespace "${ns.namespace}"`);
  });

  it('resubmit creates a new run with the same specs, parents and annotations', async () => {
    const original = byAction(
      await enqueueRun(ns.client, ns.namespace, 'orig', [
        { name: 'a0', template: ok, annotations: { 'kueue.test/duration': '1s' } },
        { name: 'b', parent: 'a0', template: flaky, annotations: FAIL },
      ]),
    );
    await ns.client.patch(TASKACTIONS, ns.namespace, original.get('b')!.metadata.name!, { metadata: { annotations: { [RETRY_ANNOTATION]: 'x', 'kueue.dev/stop': 'true' } } }, 'merge');

    const named = await runCli(['resubmit', 'orig', '--run', 'copy', ...flags()]);
    expect(named).toMatchObject({ code: 0, stderr: '' });
    expect(named.stdout).toBe('taskaction.flyte.org/acme-proj-dev-copy-a0 created\ntaskaction.flyte.org/acme-proj-dev-copy-b created\n');
    const copy = byAction(await listRun(ns.client, ns.namespace, 'copy'));
    for (const name of ['a0', 'b']) {
      const [from, to] = [original.get(name)!, copy.get(name)!];
      expect(to.spec.taskTemplate).toBe(from.spec.taskTemplate);
      expect(to.spec.parentActionName).toBe(from.spec.parentActionName);
      expect(to.spec.project).toBe(from.spec.project);
      expect(to.spec.runOutputBase).toBe(from.spec.runOutputBase?.replace('/orig/', '/copy/'));
      expect(to.status).toBeUndefined();
    }
    expect(copy.get('b')?.metadata.ownerReferences?.[0]?.uid).toBe(copy.get('a0')?.metadata.uid);
    expect(copy.get('a0')?.metadata.annotations).toEqual({ 'kueue.test/duration': '1s' });
    expect(copy.get('b')?.metadata.annotations).toEqual(FAIL);

    const generated = await runCli(['resubmit', 'orig', '-o', 'name', ...flags()]);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/^taskaction\.flyte\.org\/acme-proj-dev-orig-[a-z0-9]{5}-a0\ntaskaction\.flyte\.org\/acme-proj-dev-orig-[a-z0-9]{5}-b\n$/);
    // kubectl's template formats, applied to each created object as `kubectl create -o` does.
    const columns = await runCli(['resubmit', 'orig', '--run', 'cols', '-o', 'custom-columns=RUN:.spec.runName,ACTION:.spec.actionName', ...flags()]);
    expect(columns).toMatchObject({ code: 0, stdout: 'RUN    ACTION\ncols   a0\ncols   b\n' });
    const path = await runCli(['resubmit', 'orig', '--run', 'path', '-o', 'jsonpath={.spec.actionName};', ...flags()]);
    expect(path).toMatchObject({ code: 0, stdout: 'a0;b;' });
  });
});
