import { type ConditionAction } from '@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb.js';
import { isKubeApiError } from '../errors/index.js';
import { type KubeClient } from '../kube/index.js';
import {
  ACTION_TYPE_CONDITION,
  type ActionIdentity,
  conditionSpecToBase64,
  headTaskActionName,
  LABEL_ORG,
  parentOwnerReference,
  type ParentReference,
  type TaskAction,
  TASKACTION_API_VERSION,
  TASKACTION_KIND,
  taskActionLabels,
  TASKACTIONS,
} from '../task-action/index.js';

export interface ConditionDescription extends ActionIdentity {
  parentActionName?: string;
  inputUri: string;
  runOutputBase: string;
  condition: ConditionAction;
}

/** A condition action's TaskAction as Flyte's current service writes it: no template, `actionType: condition`. */
export function buildConditionTaskAction(description: ConditionDescription, namespace: string, parent?: ParentReference): TaskAction {
  const labels = taskActionLabels({ ...description, actionType: ACTION_TYPE_CONDITION });
  delete labels[LABEL_ORG];
  return {
    apiVersion: TASKACTION_API_VERSION,
    kind: TASKACTION_KIND,
    metadata: {
      name: headTaskActionName(description.runName, description.actionName),
      namespace,
      labels,
      ...(parent !== undefined ? { ownerReferences: [parentOwnerReference(parent)] } : {}),
    },
    spec: {
      runName: description.runName,
      org: description.org,
      project: description.project,
      domain: description.domain,
      actionName: description.actionName,
      ...(description.parentActionName ? { parentActionName: description.parentActionName } : {}),
      ...(description.inputUri ? { inputUri: description.inputUri } : {}),
      ...(description.runOutputBase ? { runOutputBase: description.runOutputBase } : {}),
      actionType: ACTION_TYPE_CONDITION,
      conditionSpec: conditionSpecToBase64(description.condition),
    },
  };
}

/** Creates the condition action; one that already exists is success, as in Flyte's service. */
export async function enqueueCondition(client: KubeClient, namespace: string, description: ConditionDescription, parent?: ParentReference): Promise<'created' | 'unchanged'> {
  try {
    await client.create(TASKACTIONS, namespace, buildConditionTaskAction(description, namespace, parent));
    return 'created';
  } catch (err) {
    if (isKubeApiError(err) && err.code === 409 && err.reason === 'AlreadyExists') return 'unchanged';
    throw err;
  }
}
