import { create } from '@bufbuild/protobuf';
import { ActionPhase } from '@flyteorg/flyteidl2/flyteidl2/common/phase_pb.js';
import { ExecutionError_ErrorKind, ExecutionErrorSchema } from '@flyteorg/flyteidl2/flyteidl2/core/execution_pb.js';
import { type ActionUpdate, ActionUpdateSchema } from '@flyteorg/flyteidl2/flyteidl2/workflow/state_service_pb.js';
import { CONDITION_FAILED, executionLedger, findCondition, literalFromBase64, type TaskAction } from '../task-action/index.js';
import { actionPhaseOf } from './action-phase.js';
import { headOutputPrefix } from './output-location.js';

const KINDS: Record<string, ExecutionError_ErrorKind> = { USER: ExecutionError_ErrorKind.USER, SYSTEM: ExecutionError_ErrorKind.SYSTEM };

/**
 * What WatchForUpdates reports for a TaskAction: its id (no org, as Flyte's service), phase, output location of
 * the current attempt, the signal of a condition, and the error only when it FAILED (from `errorState`, else the
 * Failed condition).
 */
export function actionUpdateOf(action: TaskAction, options: { deleted?: boolean } = {}): ActionUpdate {
  const spec = action.spec;
  const phase = actionPhaseOf(action, options.deleted);
  const name = action.metadata.name ?? '';
  const update = create(ActionUpdateSchema, {
    actionId: { run: { project: spec.project, domain: spec.domain, name: spec.runName }, name: spec.actionName },
    phase,
    outputUri: headOutputPrefix(spec.runOutputBase ?? '', action.metadata.namespace ?? '', name, spec.actionName, Math.max(1, executionLedger(action.status).attempts ?? 1)),
  });
  if (action.status?.signalValue) {
    try {
      update.value = literalFromBase64(action.status.signalValue);
    } catch {
      // A value this server cannot read is left out rather than failing every watcher of the run.
    }
  }
  if (phase === ActionPhase.FAILED) {
    const state = executionLedger(action.status).errorState;
    const failed = findCondition(action.status?.conditions, CONDITION_FAILED);
    update.error = create(ExecutionErrorSchema, {
      code: state?.code ?? failed?.reason ?? '',
      message: state?.message ?? failed?.message ?? '',
      kind: KINDS[state?.kind ?? ''] ?? ExecutionError_ErrorKind.UNKNOWN,
    });
  }
  return update;
}
