import { describe, expect, it } from 'vitest';
import { type ActionDetails } from '../../shared/describe/index.js';
import { type Pod } from '../../shared/kube/pod.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { conditionPluginEntries } from '../../shared/plugins/condition/index.js';
import { podPluginEntries } from '../../shared/plugins/pod/index.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { CONDITION_PROGRESSING, findCondition } from '../../shared/task-action/condition.js';
import { executionLedger, nextAttemptAt } from '../../shared/task-action/execution-ledger.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { enqueueRun, isFailed, listRun, runPods, useTestExecutor, waitForRun } from './executor-fixtures.js';

const failing = (retries: number) => containerTaskTemplate({ image: 'busybox:1.36', command: ['false'], retries });
const FAILS = { 'kueue.test/outcome': 'Failed', 'kueue.test/duration': '100ms' };

/** For each failed attempt that was retried: the time from its failure to the next attempt's first phase. */
function retryGapsMs(action: TaskAction | undefined): number[] {
  const history = action?.status?.phaseHistory ?? [];
  const gaps: number[] = [];
  history.forEach((entry, i) => {
    const next = history[i + 1];
    if (entry.phase === 'RetryableFailure' && next !== undefined) gaps.push(Date.parse(next.occurredAt) - Date.parse(entry.occurredAt));
  });
  return gaps;
}

describe.skipIf(clusterUnavailable())('backoff between attempts and the Pods kept', () => {
  const ns = useClusterNamespace('backoff');
  const executor = useTestExecutor();
  const cli = (...args: string[]) => runCli([...args, '--kubeconfig', ns.kubeconfig, '-n', ns.namespace]);

  it('starts each attempt no earlier than the backoff after the failure before it, doubling up to the maximum', async () => {
    await executor(ns.client, ns.namespace, { retryBackoffMs: 1000, retryBackoffMaxMs: 2000 });
    await enqueueRun(ns.client, ns.namespace, 'spaced', [{ name: 'a0', template: failing(3), annotations: FAILS }]);
    const [action] = await waitForRun(ns.client, ns.namespace, 'spaced', (all) => all.length === 1 && all.every(isFailed), 90_000);
    expect(executionLedger(action?.status).attempts).toBe(4);
    const gaps = retryGapsMs(action);
    expect(gaps).toHaveLength(3);
    [1000, 2000, 2000].forEach((backoff, i) => expect(gaps[i]).toBeGreaterThanOrEqual(backoff));
    // Over: nothing says the action still waits.
    expect(nextAttemptAt(action?.status)).toBeUndefined();
  });

  it('keeps the schedule when the executor restarts during the wait, and says when the next attempt starts', async () => {
    const slow = { retryBackoffMs: 8000, retryBackoffMaxMs: 8000 };
    await executor(ns.client, ns.namespace, slow);
    await enqueueRun(ns.client, ns.namespace, 'restart', [{ name: 'a0', template: failing(1), annotations: FAILS }]);
    let waiting: TaskAction | undefined;
    await pollUntil(
      async () => {
        [waiting] = await listRun(ns.client, ns.namespace, 'restart');
        return nextAttemptAt(waiting?.status) !== undefined;
      },
      { timeoutMs: 60_000, what: () => `the action to wait for its second attempt (history ${JSON.stringify(waiting?.status?.phaseHistory)})` },
    );
    expect(findCondition(waiting?.status?.conditions, CONDITION_PROGRESSING)).toMatchObject({ status: 'True', reason: 'RetryableFailure' });
    expect(findCondition(waiting?.status?.conditions, CONDITION_PROGRESSING)?.message).toMatch(/; retrying in 8s \(attempt 2 of 2\)$/);
    const described = await cli('describe', 'restart', 'a0');
    expect(described.stdout).toMatch(/^Phase:\s+Retrying$/m);
    expect(described.stdout).toMatch(/^Next Attempt:\s+2, at \S+Z( \(in \d+s\))?$/m);

    // A new executor (the old one stopped and released the Lease) reads the schedule from the status.
    await executor(ns.client, ns.namespace, slow);
    const [action] = await waitForRun(ns.client, ns.namespace, 'restart', (all) => all.length === 1 && all.every(isFailed), 90_000);
    expect(executionLedger(action?.status).attempts).toBe(2);
    expect(retryGapsMs(action)).toHaveLength(1);
    expect(retryGapsMs(action)[0]).toBeGreaterThanOrEqual(8000);
  });

  it('with retries: 5 and --keep-attempt-pods 2 keeps only the last 2 attempts\' Pods, and logs and describe say the others are gone', async () => {
    await executor(ns.client, ns.namespace, { plugins: [...podPluginEntries({ keepAttemptPods: 2 }), ...conditionPluginEntries()] });
    await enqueueRun(ns.client, ns.namespace, 'trimmed', [{ name: 'a0', template: failing(5), annotations: { ...FAILS, 'kueue.test/logs': 'log of {pod}' } }]);
    const [action] = await waitForRun(ns.client, ns.namespace, 'trimmed', (all) => all.length === 1 && all.every(isFailed), 90_000);
    expect(executionLedger(action?.status).attempts).toBe(6);
    const name = action?.metadata.name ?? '';
    let pods: Pod[] = [];
    await pollUntil(
      async () => {
        pods = await runPods(ns.client, ns.namespace, 'trimmed');
        return pods.length === 2;
      },
      { timeoutMs: 30_000, what: () => `only two Pods left (${pods.map((p) => p.metadata.name).join(', ')})` },
    );
    expect(pods.map((p) => p.metadata.name)).toEqual([`${name}-a5`, `${name}-a6`]);

    const kept = await cli('logs', 'trimmed', 'a0', '--attempt', '5');
    expect(kept.stderr).toBe('');
    expect(kept.stdout).toContain(`log of ${name}-a5`);
    const gone = await cli('logs', 'trimmed', 'a0', '--attempt', '1');
    expect(gone.code).toBe(1);
    expect(gone.stdout).toBe('');
    expect(gone.stderr).toContain('has no Pod of attempt 1 any more: deleted: the executor keeps only the latest attempts\' Pods');
    expect(gone.stderr).toContain('attempts with logs: 5, 6');

    const details = JSON.parse((await cli('describe', 'trimmed', 'a0', '-o', 'json')).stdout) as ActionDetails;
    expect(details.attempts.map((a) => [a.attempt, a.pod, a.phase])).toEqual([
      [1, '', 'Deleted'],
      [2, '', 'Deleted'],
      [3, '', 'Deleted'],
      [4, '', 'Deleted'],
      [5, `${name}-a5`, 'Failed'],
      [6, `${name}-a6`, 'Failed'],
    ]);
    expect(details.nextAttempt).toBeUndefined();
  });
});
