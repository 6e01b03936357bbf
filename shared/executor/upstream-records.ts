import { CONDITION_FAILED, CONDITION_PROGRESSING, ConditionReason } from '../task-action/index.js';
import { type PhaseRecord, truncateMessage } from './phase-conditions.js';

/** An action waiting for its upstream actions: Queued, as Flyte shows an action no executor has started yet. */
export function waitingRecord(message: string): PhaseRecord {
  return {
    historyPhase: ConditionReason.Queued,
    message,
    conditions: [{ type: CONDITION_PROGRESSING, status: 'True', reason: ConditionReason.Queued, message: truncateMessage(message) }],
  };
}

/**
 * An action ended without running because an action it waited for did not succeed: Progressing false and Failed,
 * both `UpstreamFailed`, in the order Flyte's executor writes a permanent failure, with the error kept as a user
 * error (what to fix is upstream, not in the platform).
 */
export function upstreamFailedRecord(message: string): PhaseRecord {
  const text = truncateMessage(message);
  return {
    historyPhase: ConditionReason.UpstreamFailed,
    message: text,
    conditions: [
      { type: CONDITION_PROGRESSING, status: 'False', reason: ConditionReason.UpstreamFailed, message: text },
      { type: CONDITION_FAILED, status: 'True', reason: ConditionReason.UpstreamFailed, message: text },
    ],
    errorState: { code: ConditionReason.UpstreamFailed, kind: 'USER', message: text },
  };
}
