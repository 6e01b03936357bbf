import { CONDITION_FAILED, CONDITION_PROGRESSING, CONDITION_SUCCEEDED, ConditionReason, findCondition } from './condition.js';
import { type TaskAction } from './types.js';

/** What a person wants to know about an action at a glance, derived from its conditions. */
export type DisplayPhase = 'Pending' | 'Queued' | 'Initializing' | 'Running' | 'Retrying' | 'Paused' | 'Succeeded' | 'Failed' | 'Aborted' | 'Deleting';

/**
 * The phase shown in tables, trees and the editor. `Pending` means no executor has looked at the action yet
 * (no conditions); a deletion in progress shows as `Deleting` whatever the conditions say.
 */
export function displayPhase(action: Pick<TaskAction, 'status' | 'metadata'>): DisplayPhase {
  if (action.metadata.deletionTimestamp) return 'Deleting';
  const conditions = action.status?.conditions;
  if (findCondition(conditions, CONDITION_SUCCEEDED)?.status === 'True') return 'Succeeded';
  const failed = findCondition(conditions, CONDITION_FAILED);
  if (failed?.status === 'True') return failed.reason === ConditionReason.Aborted ? 'Aborted' : 'Failed';
  const progressing = findCondition(conditions, CONDITION_PROGRESSING);
  switch (progressing?.reason) {
    case undefined:
      return 'Pending';
    case ConditionReason.Initializing:
      return 'Initializing';
    case ConditionReason.Executing:
      return 'Running';
    case ConditionReason.RetryableFailure:
      return 'Retrying';
    // A condition action waiting for its signal: nothing runs until someone answers it, so not `Queued`.
    case ConditionReason.Paused:
      return 'Paused';
    default:
      return 'Queued';
  }
}

export function isFinished(phase: DisplayPhase): boolean {
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Aborted';
}

const STARTED_PHASES = new Set(['Initializing', 'Executing', 'PhaseInitializing', 'PhaseRunning']);

/** When the action started and finished, from its phase history (for durations). */
export function actionTimes(action: Pick<TaskAction, 'status' | 'metadata'>): { startedAt?: string; finishedAt?: string } {
  const history = action.status?.phaseHistory ?? [];
  // Flyte's executor names history entries after the condition reasons (`Initializing`, `Executing`); plugin
  // phase names are accepted too for histories written by other tools.
  const started = history.find((h) => STARTED_PHASES.has(h.phase)) ?? history[0];
  const phase = displayPhase(action);
  const last = history.at(-1);
  return {
    startedAt: started?.occurredAt ?? action.metadata.creationTimestamp,
    finishedAt: isFinished(phase) ? last?.occurredAt : undefined,
  };
}
