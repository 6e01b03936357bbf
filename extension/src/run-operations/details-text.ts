import { describeAction, describeRun, renderActionDetails, renderRunDetails } from '../../../shared/describe/index.js';
import { type KubeClient } from '../../../shared/kube/index.js';
import { findRun } from '../../../shared/runs/index.js';
import { type TaskAction, TASKACTIONS } from '../../../shared/task-action/index.js';
import { type DetailsTarget } from './details-uri.js';

/**
 * What `kubectl kueue describe RUN [ACTION]` prints: an action alone, or a run (its status and one line per
 * action) followed by its root action in full, since the run's row stands for both.
 */
export async function detailsText(client: KubeClient, target: DetailsTarget): Promise<{ text: string; runName: string }> {
  const action = await client.get<TaskAction>(TASKACTIONS, target.namespace, target.name);
  const { spec } = action;
  const actionText = renderActionDetails(await describeAction(client, action));
  if (target.scope === 'action') return { text: actionText, runName: spec.runName };
  const run = await findRun(client, target.namespace, spec.runName, { project: spec.project, domain: spec.domain });
  return { text: `${renderRunDetails(describeRun(target.namespace, run.actions))}\nRoot action:\n\n${actionText}`, runName: spec.runName };
}
