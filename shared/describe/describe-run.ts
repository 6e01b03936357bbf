import { actionTimes, displayPhase, executionLedger, type TaskAction } from '../task-action/index.js';
import { inTreeOrder } from '../logs/index.js';
import { runDurationMs, runStatus } from '../runs/index.js';
import { type RunDetails } from './action-details.js';
import { lastError } from './describe-action.js';

/** `describe RUN`: the run's status from all of its actions, then one line per action, parents first. */
export function describeRun(namespace: string, actions: readonly TaskAction[], now: Date = new Date()): RunDetails {
  const first = actions[0];
  const status = runStatus(actions);
  const durationMs = runDurationMs(status, now);
  return {
    run: first?.spec.runName ?? '',
    namespace,
    project: first?.spec.project ?? '',
    domain: first?.spec.domain ?? '',
    status,
    ...(durationMs !== undefined ? { durationMs } : {}),
    actions: inTreeOrder(actions).map((action) => {
      const times = actionTimes(action);
      const error = lastError(action);
      return {
        action: action.spec.actionName,
        ...(action.spec.parentActionName ? { parent: action.spec.parentActionName } : {}),
        phase: displayPhase(action),
        // Kept in stateJson too, for CRDs (Flyte's S3 one) that prune status.attempts.
        attempts: executionLedger(action.status).attempts ?? (action.status?.phaseHistory?.length ? 1 : 0),
        ...(times.startedAt !== undefined ? { startedAt: times.startedAt } : {}),
        ...(times.finishedAt !== undefined ? { finishedAt: times.finishedAt } : {}),
        ...(error !== undefined ? { lastError: error } : {}),
      };
    }),
  };
}
