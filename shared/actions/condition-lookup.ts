import { isKubeApiError } from '../errors/index.js';
import { type KubeClient } from '../kube/index.js';
import { ACTION_TYPE_CONDITION, conditionSpecFromBase64, headTaskActionName, LABEL_ACTION, LABEL_RUN, type TaskAction, TASKACTIONS } from '../task-action/index.js';
import { type ConditionValueType, conditionValueType } from './condition-literals.js';
import { SignalRefusal } from './signal-refusal.js';

export interface ConditionTarget {
  action: TaskAction;
  valueType: ConditionValueType;
}

/**
 * The condition action `<run>/<action>`: by its name (`<run>-<action>`, as Flyte's service names it), else by
 * its run and action labels, so actions named by another scheme are found too. Refused when it is missing, is
 * not a condition, or its condition spec names no bool/int/float/string type.
 */
export async function findConditionAction(client: KubeClient, namespace: string, runName: string, actionName: string): Promise<ConditionTarget> {
  const object = `TaskAction ${namespace}/${headTaskActionName(runName, actionName)}`;
  let action: TaskAction | undefined;
  try {
    action = await client.get<TaskAction>(TASKACTIONS, namespace, headTaskActionName(runName, actionName));
  } catch (err) {
    if (!(isKubeApiError(err) && err.code === 404)) throw err;
    const list = await client.list<TaskAction>(TASKACTIONS, namespace, { labelSelector: `${LABEL_RUN}=${runName},${LABEL_ACTION}=${actionName}` });
    action = list.items.find((item) => item.metadata.deletionTimestamp === undefined);
  }
  if (action === undefined) {
    throw new SignalRefusal('not-found', `action "${actionName}" of run "${runName}" not found in namespace "${namespace}"`, object, 'check the run and action names and the namespace (-n)');
  }
  if (action.spec.actionType !== ACTION_TYPE_CONDITION) {
    throw new SignalRefusal('precondition', `action "${actionName}" of run "${runName}" is not a condition (spec.actionType is "${action.spec.actionType ?? 'task'}")`, object, 'only condition actions take signals');
  }
  let valueType: ConditionValueType | undefined;
  try {
    valueType = conditionValueType(conditionSpecFromBase64(action.spec.conditionSpec ?? ''));
  } catch {
    valueType = undefined;
  }
  if (valueType === undefined) {
    throw new SignalRefusal('precondition', `action "${actionName}" of run "${runName}" has no usable spec.conditionSpec (a ConditionAction whose type is bool, int, float or string)`, object);
  }
  return { action, valueType };
}
