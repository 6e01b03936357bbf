import { Code, ConnectError } from '@connectrpc/connect';
import { type TaskTemplate } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { type EnqueueActionRequest } from '@flyteorg/flyteidl2/flyteidl2/workflow/queue_service_pb.js';
import { isUserError, isUserErrors } from '../../errors/index.js';
import { type ActionDescription, actionErrors, buildTaskAction } from '../../task-action/index.js';
import { describeUserError } from './connect-error.js';
import { requestFieldNames } from './request-fields.js';
import { invalidArgument, requireActionId } from './request-identifiers.js';

/**
 * The action an EnqueueAction request describes, checked completely before anything is sent to Kubernetes:
 * identifiers present and within the CRD's limits, no explicitly empty parent name, a task with a template.
 * Problems are one `invalid_argument` naming every offending request field; trace and condition actions, which
 * TaskActions cannot hold, are `unimplemented`. `templateBytes` chooses the stored encoding of the template (the
 * client's own bytes, see `clientTemplateBytes`).
 */
export function actionFromEnqueueRequest(
  request: EnqueueActionRequest,
  templateBytes: (template: TaskTemplate) => Uint8Array | TaskTemplate = (template) => template,
): ActionDescription {
  const actionId = requireActionId(request.actionId);
  const spec = request.spec;
  if (spec.case === 'trace' || spec.case === 'condition') {
    throw new ConnectError(
      `${spec.case} actions are not supported: this queue stores task actions only (set task.spec.task_template)`,
      Code.Unimplemented,
    );
  }
  const problems: string[] = [];
  const template = spec.case === 'task' ? spec.value.spec?.taskTemplate : undefined;
  if (spec.case === undefined) {
    problems.push('task is required: EnqueueAction needs a task action with task.spec.task_template');
  } else if (template === undefined) {
    problems.push('task.spec.task_template is required: it is the TaskTemplate the executor runs');
  } else if (template.type === '') {
    problems.push('task.spec.task_template.type is required: it selects the plugin that runs the task (e.g. container)');
  }

  const envs = request.runSpec?.envs?.values ?? [];
  const action: ActionDescription = {
    org: actionId.run.org,
    project: actionId.run.project,
    domain: actionId.run.domain,
    runName: actionId.run.name,
    actionName: actionId.name,
    ...(request.parentActionName !== undefined ? { parentActionName: request.parentActionName } : {}),
    taskTemplate: template !== undefined && template.type !== '' ? templateBytes(template) : (template ?? new Uint8Array()),
    ...(spec.case === 'task' && spec.value.spec?.shortName ? { shortName: spec.value.spec.shortName } : {}),
    ...(spec.case === 'task' && spec.value.cacheKey !== undefined ? { cacheKey: spec.value.cacheKey } : {}),
    // Flyte's clients always send both URIs; a missing one gets the same default as the CLI's.
    ...(request.inputUri !== '' ? { inputUri: request.inputUri } : {}),
    ...(request.runOutputBase !== '' ? { runOutputBase: request.runOutputBase } : {}),
    ...(request.group !== '' ? { group: request.group } : {}),
    ...(envs.length > 0 ? { envVars: Object.fromEntries(envs.map((kv) => [kv.key, kv.value])) } : {}),
    ...(request.runSpec?.interruptible !== undefined ? { interruptible: request.runSpec.interruptible } : {}),
  };

  const names = requestFieldNames('action_id.run');
  if (problems.length > 0) {
    // The template is what is missing; still report every identifier problem in the same answer.
    const { taskTemplate: _template, ...fields } = action;
    throw invalidArgument([...actionErrors(fields).map((e) => describeUserError(e, names)), ...problems]);
  }
  try {
    // Exactly what enqueue builds (with a stand-in parent), so nothing it would reject gets past here.
    buildTaskAction(action, action.parentActionName !== undefined ? { name: 'parent', uid: 'parent' } : undefined);
  } catch (err) {
    if (isUserErrors(err)) throw invalidArgument(err.errors.map((e) => describeUserError(e, names)));
    if (isUserError(err)) throw invalidArgument([describeUserError(err, names)]);
    throw err;
  }
  return action;
}
