import { ActionPhase } from '@flyteorg/flyteidl2/flyteidl2/common/phase_pb.js';
import { CONDITION_FAILED, CONDITION_PROGRESSING, CONDITION_SUCCEEDED, ConditionReason, findCondition, type TaskAction } from '../task-action/index.js';

const PROGRESSING_PHASES: Record<string, ActionPhase> = {
  [ConditionReason.Queued]: ActionPhase.QUEUED,
  [ConditionReason.Initializing]: ActionPhase.INITIALIZING,
  [ConditionReason.Executing]: ActionPhase.RUNNING,
  [ConditionReason.Paused]: ActionPhase.PAUSED,
};

/**
 * The ActionsService phase of a TaskAction, as Flyte's current service derives it from the conditions (first
 * match): Succeeded → SUCCEEDED; Failed → TIMED_OUT for reason TimedOut, else FAILED; Progressing with Queued,
 * Initializing, Executing or Paused → that phase; anything else (a new CR, a retryable failure) → UNSPECIFIED.
 * A CR deleted before it finished is ABORTED.
 */
export function actionPhaseOf(action: TaskAction, deleted = false): ActionPhase {
  const conditions = action.status?.conditions;
  if (findCondition(conditions, CONDITION_SUCCEEDED)?.status === 'True') return ActionPhase.SUCCEEDED;
  const failed = findCondition(conditions, CONDITION_FAILED);
  if (failed?.status === 'True') return failed.reason === ConditionReason.TimedOut ? ActionPhase.TIMED_OUT : ActionPhase.FAILED;
  if (deleted) return ActionPhase.ABORTED;
  const progressing = findCondition(conditions, CONDITION_PROGRESSING);
  if (progressing?.status === 'True') return PROGRESSING_PHASES[progressing.reason] ?? ActionPhase.UNSPECIFIED;
  return ActionPhase.UNSPECIFIED;
}
