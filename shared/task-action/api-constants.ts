import { type ResourceType } from '../kube/index.js';

/**
 * Where TaskActions live in the Kubernetes API. These are Flyte's values: objects we create must be found and
 * executed by Flyte's own executor, and objects Flyte's queue created must be found by us.
 */
export const TASKACTION_GROUP = 'flyte.org';
export const TASKACTION_VERSION = 'v1';
export const TASKACTION_API_VERSION = `${TASKACTION_GROUP}/${TASKACTION_VERSION}`;
export const TASKACTION_KIND = 'TaskAction';
export const TASKACTION_PLURAL = 'taskactions';

/** The resource type for the Kubernetes client. */
export const TASKACTIONS: ResourceType = {
  group: TASKACTION_GROUP,
  version: TASKACTION_VERSION,
  kind: TASKACTION_KIND,
  plural: TASKACTION_PLURAL,
  namespaced: true,
};

/**
 * Added by the executor before a plugin starts external work (a Pod), so that deleting the TaskAction first lets
 * the plugin abort and finalize it. Same value as Flyte's executor, so either executor can clean up after the other.
 */
export const PLUGIN_FINALIZER = 'flyte.org/plugin-finalizer';

/** Flyte's task type for a plain container; its pod plugin also runs `python-task` and `raw-container`. */
export const CONTAINER_TASK_TYPE = 'container';

/** Values of `spec.actionType` and of the `flyte.org/action-type` label. */
export const ACTION_TYPE_TASK = 'task';
export const ACTION_TYPE_CONDITION = 'condition';
export type ActionType = typeof ACTION_TYPE_TASK | typeof ACTION_TYPE_CONDITION;

/** Whether an action is a task: `actionType` absent or empty too, as in Flyte's older shape, which has none. */
export function isTaskActionType(actionType: string | undefined): boolean {
  return actionType === undefined || actionType === '' || actionType === ACTION_TYPE_TASK;
}
