import { create } from '@bufbuild/protobuf';
import { type TaskTemplate, TaskTemplateSchema } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { errorMessage, isUserError } from '../errors/index.js';
import { type Plugin, type PluginRegistry } from '../plugins/index.js';
import { ConditionReason, isTaskActionType, type TaskAction, taskTemplateFromBase64 } from '../task-action/index.js';
import { IDENTITY_SPEC_FIELDS, invalidSpecMessage, missingSpecFields } from './spec-check.js';

/** Which plugin runs an action and with what template, or why it cannot run at all. */
export type PluginRoute =
  | { kind: 'run'; plugin: Plugin; template: TaskTemplate }
  | { kind: 'reject'; reason: typeof ConditionReason.InvalidSpec | typeof ConditionReason.PluginNotFound; message: string };

/**
 * Tasks go to the plugin of their task type with their decoded template, after Flyte's spec check. Other action
 * kinds (`spec.actionType`) carry no template: they need only the fields that identify them and go to the plugin
 * registered for their kind, with an empty template; what their spec means is that plugin's business.
 */
export function routeAction(action: TaskAction, registry: PluginRegistry): PluginRoute {
  const actionType = action.spec.actionType;
  if (!isTaskActionType(actionType)) {
    const missing = missingSpecFields(action.spec, IDENTITY_SPEC_FIELDS);
    if (missing.length > 0) return { kind: 'reject', reason: ConditionReason.InvalidSpec, message: invalidSpecMessage(missing) };
    try {
      return { kind: 'run', plugin: registry.resolveActionType(actionType ?? ''), template: create(TaskTemplateSchema) };
    } catch (err) {
      return { kind: 'reject', reason: ConditionReason.PluginNotFound, message: `no plugin found for action type "${actionType ?? ''}": ${errorMessage(err)}` };
    }
  }

  const missing = missingSpecFields(action.spec);
  if (missing.length > 0) return { kind: 'reject', reason: ConditionReason.InvalidSpec, message: invalidSpecMessage(missing) };
  let plugin: Plugin;
  try {
    plugin = registry.resolve(action.spec.taskType ?? '');
  } catch (err) {
    return { kind: 'reject', reason: ConditionReason.PluginNotFound, message: `no plugin found for task type "${action.spec.taskType ?? ''}": ${errorMessage(err)}` };
  }
  try {
    return { kind: 'run', plugin, template: taskTemplateFromBase64(action.spec.taskTemplate ?? '') };
  } catch (err) {
    if (!isUserError(err)) throw err;
    return { kind: 'reject', reason: ConditionReason.InvalidSpec, message: `spec.taskTemplate cannot be used: ${err.message}` };
  }
}
