import { type KubeClient } from '../kube/index.js';
import { ANNOTATION_STOP, CONDITION_FAILED, isConditionTrue, nextRetryRequestValue, RETRY_ANNOTATION, type TaskAction, TASKACTIONS } from '../task-action/index.js';
import { actionSubtree, findRun, type RunNarrowing } from './find-run.js';
import { type RunSummary } from './run-summary.js';

/** Set by `stop`: a retried action must run, so the request to stop it goes with the retry request. */

/** What `retry` runs again: the actions that failed, were aborted or never ran because of another (all `Failed=True`). */
export function retryableActions(run: RunSummary, actionName?: string): TaskAction[] {
  const scope = actionName !== undefined ? actionSubtree(run, actionName) : run.actions;
  return orderedTopDown(scope.filter((action) => isConditionTrue(action.status?.conditions, CONDITION_FAILED)));
}

/** Parents before their children, so that what a later action waits for is queued again first. */
function orderedTopDown(actions: TaskAction[]): TaskAction[] {
  const names = new Map(actions.map((a) => [a.spec.actionName, a]));
  const depth = (action: TaskAction, seen = new Set<string>()): number => {
    const parent = action.spec.parentActionName;
    const above = parent !== undefined ? names.get(parent) : undefined;
    if (above === undefined || seen.has(parent ?? '')) return 0;
    seen.add(parent ?? '');
    return 1 + depth(above, seen);
  };
  return [...actions].sort((a, b) => depth(a) - depth(b));
}

export interface RetryOutcome {
  run: RunSummary;
  /** The actions asked to run again (empty: nothing to retry). */
  retried: TaskAction[];
}

/**
 * Asks the executor to run the failed actions of a run (or of one action's subtree) again, in place: each gets a
 * new retry request (`kueue.dev/retry`) and loses a stop request. The executor then starts a new attempt of each,
 * with a new Pod, and the template's retries apply again; succeeded actions are kept as they are.
 */
export async function retryRun(client: KubeClient, namespace: string, target: { runName: string; actionName?: string } & RunNarrowing, now: Date = new Date()): Promise<RetryOutcome> {
  const run = await findRun(client, namespace, target.runName, target);
  const retried: TaskAction[] = [];
  for (const action of retryableActions(run, target.actionName)) {
    const request = nextRetryRequestValue(action.metadata.annotations?.[RETRY_ANNOTATION], now);
    retried.push(
      await client.patch<TaskAction>(
        TASKACTIONS,
        action.metadata.namespace,
        action.metadata.name ?? '',
        { metadata: { annotations: { [RETRY_ANNOTATION]: request, [ANNOTATION_STOP]: null } } },
        'merge',
      ),
    );
  }
  return { run, retried };
}
