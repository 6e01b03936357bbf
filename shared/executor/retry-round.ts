import { type KubeClient } from '../kube/index.js';
import {
  CONDITION_FAILED,
  CONDITION_PROGRESSING,
  CONDITION_SUCCEEDED,
  ConditionReason,
  executionLedger,
  isConditionTrue,
  LABEL_COMPLETED_TIME,
  LABEL_TERMINATION_STATUS,
  pendingRetryRequest,
  removeCondition,
  roundFirstAttempt,
  type TaskAction,
  type TaskActionStatus,
  TASKACTIONS,
} from '../task-action/index.js';
import { nextStatus } from './next-status.js';

/**
 * What a pending retry request (`kueue.dev/retry`) asks of the engine: a failed action starts a new round of
 * attempts; any other action (succeeded, or running already) only records that the request was seen, so a request
 * that arrives late never re-runs work that succeeded, nor restarts a running attempt.
 */
export type RetryHandling = { kind: 'new-round'; request: string } | { kind: 'acknowledge'; request: string };

export function retryHandling(action: TaskAction): RetryHandling | undefined {
  const request = pendingRetryRequest(action);
  if (request === undefined) return undefined;
  return isConditionTrue(action.status?.conditions, CONDITION_FAILED) ? { kind: 'new-round', request } : { kind: 'acknowledge', request };
}

/** The `phaseHistory` message of the entry a new round starts with. */
export function retryRoundMessage(attempt: number): string {
  return `retry requested: starting attempt ${attempt}`;
}

/**
 * The status of a failed action that starts a new round: the terminal conditions gone, Progressing back to Queued,
 * the attempt after the last one recorded (so what the plugin creates for it gets a new name), a fresh system-failure streak and plugin
 * state, and the round's first attempt, from which the template's retries count again. The last error and the
 * phase history stay: they are the action's record.
 */
export function newRoundStatus(action: TaskAction, request: string, now: Date): TaskActionStatus {
  const ledger = executionLedger(action.status);
  const attempt = ledger.attempts !== undefined ? ledger.attempts + 1 : 1;
  const message = retryRoundMessage(attempt);
  const status = nextStatus(action.status, {
    record: { historyPhase: ConditionReason.Queued, message, conditions: [{ type: CONDITION_PROGRESSING, status: 'True', reason: ConditionReason.Queued, message }] },
    pluginPhase: { name: 'PhaseQueued', version: 0 },
    attempts: attempt,
    systemFailures: 0,
    pluginState: 'clear',
    retryRound: { retryRequest: request, roundFirstAttempt: attempt },
    // Asked for by a person: the new round starts now, whatever backoff the last one was in.
    nextAttemptAt: null,
    actionId: `${action.spec.runName}/${action.spec.actionName}`,
    now,
  });
  status.conditions = removeCondition(removeCondition(status.conditions, CONDITION_SUCCEEDED), CONDITION_FAILED);
  return status;
}

/** The status of an action that only records a request as seen. */
export function acknowledgedStatus(action: TaskAction, request: string, now: Date): TaskActionStatus {
  return nextStatus(action.status, {
    retryRound: { retryRequest: request, roundFirstAttempt: roundFirstAttempt(action.status) },
    actionId: `${action.spec.runName}/${action.spec.actionName}`,
    now,
  });
}

/**
 * Drops Flyte's terminal labels before the action runs again: its completion time is no longer true, and a new
 * end must be labelled afresh (they are only written when missing). Guarded by the resource version, like every
 * write of the engine. Returns the action unchanged when it has none.
 */
export async function dropTerminalLabels(client: KubeClient, action: TaskAction): Promise<TaskAction> {
  const labels = action.metadata.labels ?? {};
  if (labels[LABEL_TERMINATION_STATUS] === undefined && labels[LABEL_COMPLETED_TIME] === undefined) return action;
  return client.patch<TaskAction>(
    TASKACTIONS,
    action.metadata.namespace,
    action.metadata.name ?? '',
    { metadata: { labels: { [LABEL_TERMINATION_STATUS]: null, [LABEL_COMPLETED_TIME]: null }, resourceVersion: action.metadata.resourceVersion } },
    'merge',
  );
}
