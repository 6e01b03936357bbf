import { describe, expect, it } from 'vitest';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { type RetentionSweep, sweepExpiredRuns } from '../../shared/runs/run-retention.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { formatKubeTime } from '../../shared/task-action/condition.js';
import { completedTimeLabelValue, LABEL_COMPLETED_TIME, LABEL_TERMINATION_STATUS } from '../../shared/task-action/labels.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { enqueueRun, listRun, useTestExecutor, waitForRun } from './executor-fixtures.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ok = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });

describe.skipIf(clusterUnavailable())('retention of finished runs', () => {
  const ns = useClusterNamespace('retain');
  const executor = useTestExecutor();

  /** Enqueues a two-action run and writes it finished `ago` before now, labelled as a terminal action is. */
  async function finishedRun(runName: string, ago: number, outcome: 'Succeeded' | 'Failed' = 'Succeeded'): Promise<void> {
    const actions = await enqueueRun(ns.client, ns.namespace, runName, [
      { name: 'a0', template: ok },
      { name: 'b', parent: 'a0', template: ok },
    ]);
    const ended = new Date(Date.now() - ago);
    for (const action of actions) {
      const reason = outcome === 'Succeeded' ? 'Completed' : 'PermanentFailure';
      const labelled = await ns.client.patch<TaskAction>(
        TASKACTIONS,
        ns.namespace,
        action.metadata.name!,
        { metadata: { labels: { [LABEL_TERMINATION_STATUS]: 'terminated', [LABEL_COMPLETED_TIME]: completedTimeLabelValue(ended) } } },
        'merge',
      );
      const at = formatKubeTime(ended);
      await ns.client.replace(
        TASKACTIONS,
        ns.namespace,
        {
          ...labelled,
          status: {
            conditions: [
              { type: 'Progressing', status: 'False', reason, message: '', lastTransitionTime: at },
              { type: outcome, status: 'True', reason, message: '', lastTransitionTime: at },
            ],
            phaseHistory: [{ phase: reason, occurredAt: at }],
          },
        },
        { subresource: 'status' },
      );
    }
  }

  it('deletes only finished runs older than the retention time, by their root, reading in pages', async () => {
    await finishedRun('old', 9 * DAY);
    await finishedRun('oldfail', 8 * DAY, 'Failed');
    await finishedRun('young', 2 * DAY);
    await enqueueRun(ns.client, ns.namespace, 'going', [{ name: 'a0', template: ok }]);

    const sweep = await sweepExpiredRuns(ns.client, ns.namespace, 7 * DAY, new Date(), { pageSize: 1 });
    expect(sweep.runs.sort()).toEqual([`${ns.namespace}/old`, `${ns.namespace}/oldfail`]);
    expect(sweep.deleted.map((a) => a.spec.actionName)).toEqual(['a0', 'a0']);
    // The garbage collector takes the children with their root.
    for (const run of ['old', 'oldfail']) await waitForRun(ns.client, ns.namespace, run, (all) => all.length === 0);
    expect(await listRun(ns.client, ns.namespace, 'young')).toHaveLength(2);
    expect(await listRun(ns.client, ns.namespace, 'going')).toHaveLength(1);

    // 0 keeps everything.
    expect(await sweepExpiredRuns(ns.client, ns.namespace, 0, new Date(Date.now() + 365 * DAY))).toEqual({ runs: [], deleted: [] });
    expect(await listRun(ns.client, ns.namespace, 'young')).toHaveLength(2);
  });

  it('the executor sweeps when it takes the lead, and leaves runs that are still going', async () => {
    await finishedRun('stale', 3 * DAY);
    await enqueueRun(ns.client, ns.namespace, 'forever', [{ name: 'a0', template: ok, annotations: { 'kueue.test/outcome': 'Running' } }]);
    const sweeps: RetentionSweep[] = [];
    await executor(ns.client, ns.namespace, { retainMs: DAY, onRetentionSweep: (sweep) => sweeps.push(sweep) });
    await waitForRun(ns.client, ns.namespace, 'stale', (all) => all.length === 0);
    // The sweep reports once its deletes are done, which may be after the run is seen gone.
    await pollUntil(() => Promise.resolve(sweeps.flatMap((s) => s.runs).includes(`${ns.namespace}/stale`)), { timeoutMs: 10_000, what: () => `the sweep to report (${JSON.stringify(sweeps.map((s) => s.runs))})` });
    await waitForRun(ns.client, ns.namespace, 'forever', (all) => all[0]?.status?.conditions?.some((c) => c.reason === 'Executing') === true);
    expect(await listRun(ns.client, ns.namespace, 'forever')).toHaveLength(1);
  });

  it('refuses a bad --retain', async () => {
    const result = await runCli(['executor', '--kubeconfig', ns.kubeconfig, '-n', ns.namespace, '--retain', 'a week']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('invalid duration "a week" for --retain');
  });
});
