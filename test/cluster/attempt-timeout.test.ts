import { describe, expect, it } from 'vitest';
import { type Pod } from '../../shared/kube/pod.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { executionLedger } from '../../shared/task-action/execution-ledger.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { byAction, conditionSet, enqueueRun, isFailed, runPods, settledHistoryOf, useTestExecutor, waitForRun } from './executor-fixtures.js';

describe.skipIf(clusterUnavailable())("the template's per-attempt timeout", () => {
  const ns = useClusterNamespace('timeout');
  const executor = useTestExecutor();

  it('fails an attempt that runs too long with reason Timeout, stops its Pod, and uses the retries', async () => {
    const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['sleep', '3600'], retries: 1, timeoutSeconds: 2 });
    await enqueueRun(ns.client, ns.namespace, 'slow', [{ name: 'a0', template, annotations: { 'kueue.test/outcome': 'Running' } }]);
    // No resync to fall back on: only the requeue at the deadline can end the attempt.
    await executor(ns.client, ns.namespace, { resyncMs: 3600_000 });
    const action = byAction(await waitForRun(ns.client, ns.namespace, 'slow', (all) => all.every(isFailed))).get('a0')!;

    const message = 'the attempt ran longer than its timeout of 2s';
    expect(conditionSet(action)).toEqual([
      { type: 'Progressing', status: 'False', reason: 'Timeout', message },
      { type: 'Failed', status: 'True', reason: 'Timeout', message },
    ]);
    const ledger = executionLedger(action.status);
    expect(ledger.attempts).toBe(2);
    expect(ledger.errorState).toEqual({ code: 'Timeout', kind: 'USER', message });
    expect(settledHistoryOf(action)).toEqual(['Queued', 'Timeout', 'Queued', 'Timeout']);
    // Each attempt ran its full time, no less.
    const history = action.status?.phaseHistory ?? [];
    for (let i = 0; i < history.length; i++) {
      if (history[i]?.phase !== 'Timeout') continue;
      const started = history.slice(0, i).reverse().find((h) => h.phase === 'Executing' || h.phase === 'Initializing');
      if (started) expect(Date.parse(history[i]!.occurredAt) - Date.parse(started.occurredAt)).toBeGreaterThanOrEqual(1000);
    }
    // Both attempts' Pods were stopped through the plugin.
    await pollUntil(async () => (await runPods(ns.client, ns.namespace, 'slow')).every((p: Pod) => p.metadata.deletionTimestamp !== undefined), {
      timeoutMs: 20_000,
      what: () => 'the timed-out Pods to be deleted',
    });
  });
});
