import { create } from '@bufbuild/protobuf';
import { SimpleType } from '@flyteorg/flyteidl2/flyteidl2/core/types_pb.js';
import { ConditionActionSchema } from '@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb.js';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueCondition, parseConditionValue, signalAction } from '../../shared/actions/index.js';
import { type KubeClient } from '../../shared/kube/kube-client.js';
import { type Pod } from '../../shared/kube/pod.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { PODS } from '../../shared/kube/resource-type.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { LABEL_RUN } from '../../shared/task-action/labels.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { runCli } from '../helpers/run-cli.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { conditionSet, historyOf, isFailed, isSucceeded, enqueueRun, RUN_IDENTITY, reportedTransitions, type RunningExecutor, startExecutor } from './executor-fixtures.js';

function condition(runName: string, actionName: string, options: { timeoutSeconds?: number; simple?: SimpleType } = {}) {
  return {
    ...RUN_IDENTITY,
    runName,
    actionName,
    inputUri: `s3://bucket/${runName}/${actionName}/inputs.pb`,
    runOutputBase: `s3://bucket/${runName}/`,
    condition: create(ConditionActionSchema, {
      name: actionName,
      prompt: 'ship it?',
      type: { type: { case: 'simple', value: options.simple ?? SimpleType.BOOLEAN } },
      ...(options.timeoutSeconds !== undefined ? { timeout: { seconds: BigInt(options.timeoutSeconds), nanos: 0 } } : {}),
    }),
  };
}

/** The run's actions (condition actions carry no org label, so the run is found by its name alone). */
async function waitForActions(client: KubeClient, namespace: string, runName: string, done: (actions: TaskAction[]) => boolean, timeoutMs = 30_000): Promise<TaskAction[]> {
  let last: TaskAction[] = [];
  await pollUntil(
    async () => {
      last = (await client.list<TaskAction>(TASKACTIONS, namespace, { labelSelector: `${LABEL_RUN}=${runName}` })).items;
      return last.length > 0 && done(last);
    },
    { timeoutMs, what: () => `run ${runName}: ${last.map((a) => `${a.spec.actionName}=${historyOf(a).join('>') || 'pending'}`).join(', ') || 'no actions'}` },
  );
  return last;
}

const progressingReason = (runActions: { status?: { conditions?: { type: string; reason: string }[] } }[]) => runActions[0]?.status?.conditions?.find((c) => c.type === 'Progressing')?.reason;

describe.skipIf(clusterUnavailable())('condition actions under the executor', () => {
  const ns = useClusterNamespace('conditions');
  const started: RunningExecutor[] = [];
  const executor = async (leaseName: string) => {
    const running = await startExecutor(ns.client, ns.namespace, { leaseName });
    started.push(running);
    return running;
  };
  afterEach(() => Promise.all(started.splice(0).map((running) => running.executor.stop())));

  it('pauses a condition until it is signalled, then marks it Succeeded with reason Signaled, without a Pod', async () => {
    const running = await executor('cond-signal');
    await enqueueCondition(ns.client, ns.namespace, condition('gate', 'approve'));
    const paused = await waitForActions(ns.client, ns.namespace, 'gate', (actions) => progressingReason(actions) === 'Paused');
    expect(conditionSet(paused[0])).toEqual([{ type: 'Progressing', status: 'True', reason: 'Paused', message: 'waiting for a signal: ship it?' }]);
    expect(paused[0]?.metadata.finalizers).toContain('flyte.org/plugin-finalizer');

    await signalAction(ns.client, ns.namespace, { runName: 'gate', actionName: 'approve', value: parseConditionValue('true', 'bool'), signalledBy: 'alice' });
    // The finalizer goes in a write of its own, after the status.
    const [done] = await waitForActions(ns.client, ns.namespace, 'gate', (actions) => actions.every((a) => isSucceeded(a) && !(a.metadata.finalizers ?? []).includes('flyte.org/plugin-finalizer')));
    expect(conditionSet(done)).toEqual([
      { type: 'Progressing', status: 'False', reason: 'Signaled', message: 'signalled by alice' },
      { type: 'Succeeded', status: 'True', reason: 'Signaled', message: 'signalled by alice' },
    ]);
    expect(historyOf(done)).toEqual(['Paused', 'Signaled']);
    expect((await ns.client.list<Pod>(PODS, ns.namespace)).items).toEqual([]);
    const reported = await reportedTransitions(running, 'gate', (ts) => ts.some((t) => t.phase === 'Signaled'));
    expect(reported.map((t) => t.phase)).toEqual(['Paused', 'Signaled']);
  });

  it('times a condition out at creation + timeout: Failed with reason TimedOut and errorState ConditionTimedOut', async () => {
    await executor('cond-timeout');
    await enqueueCondition(ns.client, ns.namespace, condition('late', 'approve', { timeoutSeconds: 2 }));
    // Paused first, then failed by the round the executor scheduled at the deadline (resync is 30 s).
    await waitForActions(ns.client, ns.namespace, 'late', (actions) => progressingReason(actions) === 'Paused' || actions.every(isFailed));
    const [failed] = await waitForActions(ns.client, ns.namespace, 'late', (actions) => actions.every(isFailed), 15_000);
    expect(conditionSet(failed)).toEqual([
      { type: 'Progressing', status: 'False', reason: 'TimedOut', message: 'condition "approve" was not signalled within 2s' },
      { type: 'Failed', status: 'True', reason: 'TimedOut', message: 'condition "approve" was not signalled within 2s' },
    ]);
    expect(failed?.status?.errorState).toEqual({ code: 'ConditionTimedOut', kind: 'USER', message: 'condition "approve" was not signalled within 2s' });
    // Paused is recorded only if a round came before the deadline, which a loaded machine may not give.
    expect(historyOf(failed).filter((phase) => phase !== 'Paused')).toEqual(['TimedOut']);
    // Too late to signal now: the action has finished.
    await expect(signalAction(ns.client, ns.namespace, { runName: 'late', actionName: 'approve', value: parseConditionValue('true', 'bool'), signalledBy: 'bob' })).rejects.toThrow('has already finished');
  });

  it('kubectl kueue signal RUN ACTION VALUE resolves a condition: typed, idempotent, refused with kubectl-style errors', async () => {
    await executor('cond-cli');
    const flags = ['--kubeconfig', ns.kubeconfig, '-n', ns.namespace];
    await enqueueCondition(ns.client, ns.namespace, condition('cli', 'batch', { simple: SimpleType.INTEGER }));
    await enqueueRun(ns.client, ns.namespace, 'plain', [{ name: 'a0', template: containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] }) }]);
    await waitForActions(ns.client, ns.namespace, 'cli', (actions) => progressingReason(actions) === 'Paused');

    // Shell completion offers the run's condition actions.
    const completion = await runCli(['__complete', 'signal', ...flags, 'cli', '']);
    expect(completion.stdout).toBe('batch\n:4\n');

    const wrongType = await runCli(['signal', 'cli', 'batch', 'lots', ...flags]);
    expect(wrongType.code).toBe(1);
    expect(wrongType.stderr).toBe(`error: TaskAction ${ns.namespace}/cli-batch, field VALUE: "lots" is not an int: give a whole number such as 42\n`);
    const missing = await runCli(['signal', 'cli', 'nope', '7', ...flags]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`action "nope" of run "cli" not found in namespace "${ns.namespace}"`);
    const notCondition = await runCli(['signal', 'plain', 'a0', '7', ...flags]);
    expect(notCondition.code).toBe(1);
    expect(notCondition.stderr).toContain('action "a0" of run "plain" is not a condition');

    const signalled = await runCli(['signal', 'cli', 'batch', '64', ...flags, '--signalled-by', 'alice']);
    expect(signalled).toMatchObject({ code: 0, stdout: 'taskaction.flyte.org/cli-batch signalled\n', stderr: '' });
    const [done] = await waitForActions(ns.client, ns.namespace, 'cli', (actions) => actions.every(isSucceeded));
    expect(done?.status?.signalledBy).toBe('alice');
    expect(conditionSet(done).find((c) => c.type === 'Succeeded')).toMatchObject({ status: 'True', reason: 'Signaled' });

    const again = await runCli(['signal', 'cli', 'batch', '64', ...flags]);
    expect(again).toMatchObject({ code: 0, stdout: 'taskaction.flyte.org/cli-batch unchanged (already signalled with this value)\n' });
    const other = await runCli(['signal', 'cli', 'batch', '65', ...flags]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('was already signalled with another value');
  });
});
