import { CONDITION_FAILED, CONDITION_PROGRESSING, ConditionReason } from '../task-action/index.js';
import { type PhaseRecord } from './phase-conditions.js';

/**
 * How a stopped action is recorded: Aborted as Flyte records an abort (Progressing=False and Failed=True, reason
 * `Aborted`), with a message that says it was stopped on request and when, so it reads apart from a deletion.
 */
export function stoppedRecord(requestedAt: string): PhaseRecord {
  const message = `stopped on request (kueue.dev/stop at ${requestedAt})`;
  return {
    historyPhase: ConditionReason.Aborted,
    message,
    conditions: [
      { type: CONDITION_PROGRESSING, status: 'False', reason: ConditionReason.Aborted, message },
      { type: CONDITION_FAILED, status: 'True', reason: ConditionReason.Aborted, message },
    ],
  };
}
