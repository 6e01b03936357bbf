import { type KubeClient } from '../kube/index.js';
import {
  CONDITION_FAILED,
  CONDITION_SUCCEEDED,
  completedTimeLabelValue,
  findCondition,
  LABEL_COMPLETED_TIME,
  LABEL_TERMINATION_STATUS,
  PLUGIN_FINALIZER,
  type TaskAction,
  TASKACTIONS,
  TERMINATION_STATUS_TERMINATED,
} from '../task-action/index.js';

/**
 * Flyte's terminal labels for a finished action, or none when it has them already (whoever wrote them) or is not
 * finished. The time is the terminal condition's lastTransitionTime, as Flyte's executor takes it; `now` when that
 * cannot be read.
 */
export function missingTerminalLabels(action: TaskAction, now: Date): Record<string, string> | undefined {
  if (action.metadata.labels?.[LABEL_TERMINATION_STATUS] !== undefined) return undefined;
  const conditions = action.status?.conditions;
  const terminal = [CONDITION_SUCCEEDED, CONDITION_FAILED].map((type) => findCondition(conditions, type)).find((c) => c?.status === 'True');
  if (terminal === undefined) return undefined;
  const at = new Date(terminal.lastTransitionTime);
  return {
    [LABEL_TERMINATION_STATUS]: TERMINATION_STATUS_TERMINATED,
    [LABEL_COMPLETED_TIME]: completedTimeLabelValue(Number.isNaN(at.getTime()) ? now : at),
  };
}

/**
 * A terminal action's metadata, settled in one merge patch after its terminal status was written: Flyte's terminal
 * labels added and the plugin finalizer removed. One patch, with the resource version as a precondition, so the
 * two never conflict with each other and a finalizer someone else added meanwhile is not dropped (a conflict is
 * left to the caller, which re-reads and tries again). Nothing is sent when there is nothing to change.
 */
export async function settleTerminalMetadata(client: KubeClient, action: TaskAction, now: Date): Promise<TaskAction> {
  const labels = missingTerminalLabels(action, now);
  const finalizers = action.metadata.finalizers ?? [];
  const dropFinalizer = finalizers.includes(PLUGIN_FINALIZER);
  if (labels === undefined && !dropFinalizer) return action;
  return client.patch<TaskAction>(
    TASKACTIONS,
    action.metadata.namespace,
    action.metadata.name ?? '',
    {
      metadata: {
        ...(labels !== undefined ? { labels } : {}),
        ...(dropFinalizer ? { finalizers: finalizers.filter((f) => f !== PLUGIN_FINALIZER) } : {}),
        resourceVersion: action.metadata.resourceVersion,
      },
    },
    'merge',
  );
}
