import { UserError } from '../errors/index.js';
import { type KubeClient } from '../kube/index.js';
import { actionLabelSelector, type RunSelectorParts, type TaskAction, TASKACTIONS } from '../task-action/index.js';

/**
 * Finds an action of a run by its labels rather than its name, so TaskActions named by Flyte's newer
 * `<run>-<action>` scheme are found as well as ours. Undefined when there is none; an error when the labels are
 * ambiguous (two objects claim the same run and action).
 */
export async function findAction(
  client: KubeClient,
  namespace: string,
  run: RunSelectorParts,
  actionName: string,
): Promise<TaskAction | undefined> {
  const list = await client.list<TaskAction>(TASKACTIONS, namespace, { labelSelector: actionLabelSelector(run, actionName) });
  const live = list.items.filter((item) => !item.metadata.deletionTimestamp);
  if (live.length > 1) {
    throw new UserError(
      `${live.length} TaskActions claim action "${actionName}" of run "${run.runName}": ${live.map((i) => i.metadata.name).join(', ')}`,
      { field: 'metadata.labels' },
      'delete the duplicates; each action of a run must be one object',
    );
  }
  return live[0];
}
