import { isTerminalPhase, type PhaseInfo, phaseInfoRetryableFailureWithCleanup } from '../plugins/index.js';
import { ConditionReason, type PhaseTransition } from '../task-action/index.js';
import { phaseRecord } from './phase-conditions.js';

/** `errorState.code` of an attempt stopped for running longer than the template's `metadata.timeout`. */
export const TIMEOUT_ERROR_CODE = 'Timeout';

/** History phases of an attempt under way; any other entry ends an attempt (or a round of them). */
const ATTEMPT_PHASES: ReadonlySet<string> = new Set([ConditionReason.Queued, ConditionReason.Initializing, ConditionReason.Executing]);
/** Phases in which the attempt's work has begun: time spent queued (waiting for a slot or a node) is not its time. */
const STARTED_PHASES: ReadonlySet<string> = new Set([ConditionReason.Initializing, ConditionReason.Executing]);

/**
 * When the current attempt started: the first Initializing or Executing entry after the last entry that ended an
 * attempt (a failure, a timeout, a retry round's start follows a failure). Undefined when it has not started.
 */
export function attemptStartedAt(history: readonly PhaseTransition[] | undefined): Date | undefined {
  const entries = history ?? [];
  let start: string | undefined;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as PhaseTransition;
    if (!ATTEMPT_PHASES.has(entry.phase)) break;
    if (STARTED_PHASES.has(entry.phase)) start = entry.occurredAt;
  }
  if (start === undefined) return undefined;
  const time = new Date(start);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

export type AttemptClock =
  /** Within its time: the engine looks again at `deadline` (no polling). */
  | { kind: 'running'; deadline: Date }
  /** Over its time: the attempt is to be stopped and failed with `info`. */
  | { kind: 'expired'; info: PhaseInfo };

/**
 * The template's per-attempt timeout applied to a round: undefined when there is none, the attempt has not started
 * or has just ended by itself (a result that arrives at the deadline is kept). The attempt started when the history
 * says so, or now when this round is its first in a started phase.
 */
export function attemptClock(timeoutSeconds: number | undefined, history: readonly PhaseTransition[] | undefined, info: PhaseInfo, now: Date): AttemptClock | undefined {
  if (timeoutSeconds === undefined || !(timeoutSeconds > 0) || isTerminalPhase(info.phase)) return undefined;
  const reported = phaseRecord(info)?.historyPhase;
  const start = attemptStartedAt(history) ?? (reported !== undefined && STARTED_PHASES.has(reported) ? now : undefined);
  if (start === undefined) return undefined;
  const deadline = new Date(start.getTime() + timeoutSeconds * 1000);
  if (now < deadline) return { kind: 'running', deadline };
  return { kind: 'expired', info: timeoutFailure(timeoutSeconds) };
}

/**
 * A USER retryable failure, so it uses one of the action's retries like any failed attempt and ends the action
 * when none are left; recorded with reason `Timeout`. With cleanup: what the attempt runs is stopped.
 */
export function timeoutFailure(timeoutSeconds: number): PhaseInfo {
  return phaseInfoRetryableFailureWithCleanup(TIMEOUT_ERROR_CODE, `the attempt ran longer than its timeout of ${timeoutSeconds}s`, {
    conditionReason: ConditionReason.Timeout,
  });
}
