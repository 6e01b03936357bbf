import { type ActionIdentifier, type RunIdentifier } from '@flyteorg/flyteidl2/flyteidl2/common/identifier_pb.js';
import { actionErrors, runIdentityErrors, type RunSelectorParts } from '../../task-action/index.js';
import { describeUserError } from './connect-error.js';
import { requestFieldNames } from './request-fields.js';
import { invalidArgument, requireActionId, requireRun } from './request-identifiers.js';

/** The run an AbortQueuedRun request names, validated like an enqueued run. */
export function runFromAbortRequest(runId: RunIdentifier | undefined): RunSelectorParts {
  const run = requireRun(runId, 'run_id');
  const parts = { org: run.org, project: run.project, domain: run.domain, runName: run.name };
  const errors = runIdentityErrors(parts);
  if (errors.length > 0) throw invalidArgument(errors.map((e) => describeUserError(e, requestFieldNames('run_id'))));
  return parts;
}

/** The run and action an AbortQueuedAction request names, validated like an enqueued action. */
export function actionFromAbortRequest(actionId: ActionIdentifier | undefined): { run: RunSelectorParts; actionName: string } {
  const id = requireActionId(actionId);
  const run = { org: id.run.org, project: id.run.project, domain: id.run.domain, runName: id.run.name };
  const errors = actionErrors({ ...run, actionName: id.name });
  if (errors.length > 0) throw invalidArgument(errors.map((e) => describeUserError(e, requestFieldNames('action_id.run'))));
  return { run, actionName: id.name };
}
