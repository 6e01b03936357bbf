import { errorKindName, Phase, type PhaseInfo } from '../plugins/index.js';
import { CONDITION_FAILED, CONDITION_PROGRESSING, CONDITION_SUCCEEDED, ConditionReason, type ConditionUpdate, type ErrorState } from '../task-action/index.js';

/** The CRD caps a condition message at 32768 characters; longer messages are cut, not rejected. */
export const MAX_CONDITION_MESSAGE = 32_768;

export const SUCCEEDED_PROGRESSING_MESSAGE = 'TaskAction has completed';
export const SUCCEEDED_MESSAGE = 'TaskAction completed successfully';
export const ABORTED_MESSAGE = 'TaskAction was aborted';

/** How one plugin phase is recorded in a TaskAction's status. */
export interface PhaseRecord {
  /** The `phaseHistory` name: the Progressing reason (`Queued`, `Executing`, `Completed`, ...). */
  historyPhase: string;
  message: string;
  /** In the order Flyte's executor sets them. */
  conditions: ConditionUpdate[];
  /** Set for failures: the structured error kept in `status.errorState`. */
  errorState?: ErrorState;
}

export function truncateMessage(message: string): string {
  return message.length <= MAX_CONDITION_MESSAGE ? message : `${message.slice(0, MAX_CONDITION_MESSAGE - 3)}...`;
}

function progressing(status: 'True' | 'False', reason: string, message: string): ConditionUpdate {
  return { type: CONDITION_PROGRESSING, status, reason, message: truncateMessage(message) };
}

function failureMessage(info: PhaseInfo): string {
  return info.err !== undefined ? info.err.message : info.reason;
}

function errorStateOf(info: PhaseInfo): ErrorState | undefined {
  if (info.err === undefined) return undefined;
  return { code: info.err.code, kind: errorKindName(info.err.kind), message: truncateMessage(info.err.message) };
}

/**
 * Flyte's phase -> conditions table. Waiting phases all read as Queued; Success and the two final failures end
 * Progressing and set Succeeded or Failed; a retryable failure keeps Progressing true (the executor retries or
 * turns it into a permanent failure). `undefined` for PhaseUndefined, which records nothing.
 */
export function phaseRecord(info: PhaseInfo): PhaseRecord | undefined {
  const record = defaultPhaseRecord(info);
  const reason = info.info?.conditionReason;
  return record === undefined || reason === undefined || reason === '' ? record : withConditionReason(record, reason, info.reason);
}

/**
 * A plugin's own name for its state (`TaskInfo.conditionReason`) replaces the phase's reason in the conditions and
 * the history; its `PhaseInfo.reason`, when given, replaces the messages of a successful end (failures keep the
 * error's message).
 */
function withConditionReason(record: PhaseRecord, reason: string, message: string): PhaseRecord {
  const text = message !== '' && record.errorState === undefined ? truncateMessage(message) : undefined;
  return {
    ...record,
    historyPhase: reason,
    ...(text !== undefined ? { message: text } : {}),
    conditions: record.conditions.map((condition) => ({ ...condition, reason, ...(text !== undefined ? { message: text } : {}) })),
  };
}

function defaultPhaseRecord(info: PhaseInfo): PhaseRecord | undefined {
  switch (info.phase) {
    case Phase.NotReady:
    case Phase.WaitingForResources:
    case Phase.Queued:
    case Phase.WaitingForCache:
      return {
        historyPhase: ConditionReason.Queued,
        message: info.reason,
        conditions: [progressing('True', ConditionReason.Queued, info.reason)],
      };
    case Phase.Initializing:
      return {
        historyPhase: ConditionReason.Initializing,
        message: info.reason,
        conditions: [progressing('True', ConditionReason.Initializing, info.reason)],
      };
    case Phase.Running:
      return {
        historyPhase: ConditionReason.Executing,
        message: info.reason,
        conditions: [progressing('True', ConditionReason.Executing, info.reason)],
      };
    case Phase.Success:
      return {
        historyPhase: ConditionReason.Completed,
        message: SUCCEEDED_MESSAGE,
        conditions: [
          progressing('False', ConditionReason.Completed, SUCCEEDED_PROGRESSING_MESSAGE),
          { type: CONDITION_SUCCEEDED, status: 'True', reason: ConditionReason.Completed, message: SUCCEEDED_MESSAGE },
        ],
      };
    case Phase.PermanentFailure: {
      const message = failureMessage(info);
      return {
        historyPhase: ConditionReason.PermanentFailure,
        message,
        conditions: [
          progressing('False', ConditionReason.PermanentFailure, message),
          { type: CONDITION_FAILED, status: 'True', reason: ConditionReason.PermanentFailure, message: truncateMessage(message) },
        ],
        ...withErrorState(info),
      };
    }
    case Phase.RetryableFailure: {
      const message = failureMessage(info);
      return {
        historyPhase: ConditionReason.RetryableFailure,
        message,
        conditions: [progressing('True', ConditionReason.RetryableFailure, message)],
        ...withErrorState(info),
      };
    }
    case Phase.Aborted:
      return {
        historyPhase: ConditionReason.Aborted,
        message: ABORTED_MESSAGE,
        conditions: [
          progressing('False', ConditionReason.Aborted, ABORTED_MESSAGE),
          { type: CONDITION_FAILED, status: 'True', reason: ConditionReason.Aborted, message: ABORTED_MESSAGE },
        ],
      };
    default:
      return undefined;
  }
}

function withErrorState(info: PhaseInfo): { errorState?: ErrorState } {
  const errorState = errorStateOf(info);
  return errorState === undefined ? {} : { errorState };
}

/**
 * A TaskAction that cannot be executed at all (reason `InvalidSpec` or `PluginNotFound`): Failed, then
 * Progressing false, both with the same message, in the order Flyte's executor sets them.
 */
export function rejectionRecord(reason: typeof ConditionReason.InvalidSpec | typeof ConditionReason.PluginNotFound, message: string): PhaseRecord {
  const text = truncateMessage(message);
  return {
    historyPhase: reason,
    message: text,
    conditions: [
      { type: CONDITION_FAILED, status: 'True', reason, message: text },
      { type: CONDITION_PROGRESSING, status: 'False', reason, message: text },
    ],
  };
}
