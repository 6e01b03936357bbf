import { actionTimes, displayPhase, executionLedger, type TaskAction } from '../task-action/index.js';
import { buildActionTrees, walkActionTrees } from '../queue/index.js';
import { runDurationMs, runStatus, runWaitingReason } from '../runs/index.js';
import { type RunDetails } from './action-details.js';
import { lastError } from './describe-action.js';

/** `describe RUN`: the run's status from all of its actions, then one line per action, in tree order. */
export function describeRun(namespace: string, actions: readonly TaskAction[], now: Date = new Date()): RunDetails {
  const first = actions[0];
  const status = runStatus(actions);
  const durationMs = runDurationMs(status, now);
  // The order `tree` and the editor show: parents first, children after what they wait for, else by creation.
  const ordered = [...walkActionTrees(buildActionTrees(actions))].map(({ node }) => node.action);
  const waiting = runWaitingReason(ordered);
  return {
    run: first?.spec.runName ?? '',
    namespace,
    project: first?.spec.project ?? '',
    domain: first?.spec.domain ?? '',
    status,
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...(waiting !== undefined ? { waiting: waiting.summary } : {}),
    actions: ordered.map((action) => {
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
