import { type KubeClient } from '../kube/index.js';
import { type ActionDescription, afterOf, childrenWaitForParent, runLabelSelector, type TaskAction, type TaskActionNaming } from '../task-action/index.js';
import { checkRunOrder, type OrderNode, orderNodeOf } from './action-order.js';
import { listTaskActions } from './list-task-actions.js';

interface RunBatch {
  namespace: string;
  sample: ActionDescription;
  nodes: OrderNode[];
}

function runsOf(actions: readonly ActionDescription[], namespace: string): RunBatch[] {
  const runs = new Map<string, RunBatch>();
  for (const action of actions) {
    const ns = action.namespace ?? namespace;
    const key = [ns, action.org, action.project, action.domain, action.runName].join('\u0000');
    let run = runs.get(key);
    if (run === undefined) runs.set(key, (run = { namespace: ns, sample: action, nodes: [] }));
    run.nodes.push(orderNodeOf(action));
  }
  return [...runs.values()];
}

function orderNodeOfStored(action: TaskAction): OrderNode {
  return {
    actionName: action.spec.actionName,
    ...(action.spec.parentActionName !== undefined ? { parentActionName: action.spec.parentActionName } : {}),
    after: afterOf(action.metadata),
    ...(childrenWaitForParent(action.metadata) ? { childrenWaitForParent: true } : {}),
  };
}

/** Whether the order of a run needs its other actions: it waits for something, or its children wait for parents. */
function usesOrder(run: RunBatch): boolean {
  return run.nodes.some((node) => node.after.length > 0 || node.childrenWaitForParent === true);
}

/**
 * The order check of a batch without a cluster (a client dry run): names outside the batch are taken on trust,
 * cycles within it are refused.
 */
export function checkBatchOrderLocally(actions: readonly ActionDescription[], namespace: string): void {
  for (const run of runsOf(actions, namespace)) checkRunOrder(run.sample.runName, run.nodes, undefined);
}

/**
 * The order check of a batch before anything is created: for every run whose actions wait for others, its actions
 * already in the cluster are read (one list per run) so that unknown names and cycles through them are refused.
 */
export async function checkBatchOrder(client: KubeClient, actions: readonly ActionDescription[], namespace: string, naming: TaskActionNaming | undefined): Promise<void> {
  for (const run of runsOf(actions, namespace)) {
    if (!usesOrder(run)) continue;
    const { org, project, domain, runName } = run.sample;
    // Flyte's current service writes no org label, so a run of its shape is found without one.
    const selector = runLabelSelector(naming === 'flyte-head' ? { project, domain, runName } : { org, project, domain, runName });
    const stored = await listTaskActions(client, run.namespace, { labelSelector: selector });
    const existing = stored.filter((action) => action.metadata.deletionTimestamp === undefined).map(orderNodeOfStored);
    checkRunOrder(runName, run.nodes, existing);
  }
}
