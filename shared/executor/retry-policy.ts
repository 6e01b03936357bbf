import { ErrorKind, Phase, type PhaseInfo, phaseInfoFailed } from '../plugins/index.js';

/** `errorState.code` of an action failed for too many system errors in a row (Flyte's code). */
export const MAX_SYSTEM_FAILURES_EXCEEDED = 'MaxSystemFailuresExceeded';

export interface FailureBudget {
  /** The attempt that just ran, from 1. */
  attempt: number;
  /** Retries + 1, from the template; per round of attempts (a retry request starts a new round). */
  maxAttempts: number;
  /** The first attempt of the current round (default 1). */
  firstAttempt?: number;
  /** Consecutive system errors before this round. */
  systemFailures: number;
  maxSystemFailures: number;
  pluginId: string;
}

/** What the engine does with a round's phase. */
export type RoundDecision =
  /** Record the phase; the round went through, so the system-error streak ends. */
  | { kind: 'record'; info: PhaseInfo }
  /** The attempt failed in the user's code and retries remain: stop it, record the failure, start `nextAttempt`. */
  | { kind: 'retry'; info: PhaseInfo; nextAttempt: number }
  /**
   * The system failed (not the task): try again later without using an attempt. With `reset`, the plugin said its
   * resource is lost (e.g. what it created was deleted), so the attempt starts over; without, the plugin itself
   * failed (e.g. the API server did not answer) and what it started is left running.
   */
  | { kind: 'system-retry'; systemFailures: number; message: string; reset: boolean }
  /** Out of budget: record this permanent failure (`systemFailures` set when system errors used it up). */
  | { kind: 'fail'; info: PhaseInfo; systemFailures?: number };

function isSystemRetryable(info: PhaseInfo): boolean {
  return info.phase === Phase.RetryableFailure && info.err?.kind === ErrorKind.SYSTEM;
}

/** Attempts made in the current round, this one included. */
export function attemptsUsed(budget: Pick<FailureBudget, 'attempt' | 'firstAttempt'>): number {
  return budget.attempt - (budget.firstAttempt ?? 1) + 1;
}

/** Flyte's text for a system error carried by a phase: `[code] message`. */
export function systemErrorText(info: PhaseInfo): string {
  return info.err !== undefined ? `[${info.err.code}] ${info.err.message}` : 'system retryable failure';
}

/**
 * A system error (the plugin threw, or reported a SYSTEM retryable failure): retried until more than
 * `maxSystemFailures` happened in a row, then a permanent SYSTEM failure with a code that says why.
 */
export function decideSystemError(message: string, budget: FailureBudget, reset: boolean): RoundDecision {
  const systemFailures = budget.systemFailures + 1;
  if (systemFailures <= budget.maxSystemFailures) return { kind: 'system-retry', systemFailures, message, reset };
  return {
    kind: 'fail',
    systemFailures,
    info: phaseInfoFailed(Phase.PermanentFailure, {
      kind: ErrorKind.SYSTEM,
      code: MAX_SYSTEM_FAILURES_EXCEEDED,
      message: `plugin "${budget.pluginId}" failed with system error ${systemFailures} times: ${message}`,
    }),
  };
}

/**
 * Flyte's retry rules for the phase a plugin reported: a USER retryable failure starts the next attempt while
 * attempts remain and becomes a permanent failure (same error) when they are used up; a SYSTEM retryable failure
 * counts against the system-error budget instead, so infrastructure trouble never eats the user's retries.
 */
export function decideRound(info: PhaseInfo, budget: FailureBudget): RoundDecision {
  if (isSystemRetryable(info)) return decideSystemError(systemErrorText(info), budget, true);
  if (info.phase !== Phase.RetryableFailure) return { kind: 'record', info };
  if (attemptsUsed(budget) < budget.maxAttempts) return { kind: 'retry', info, nextAttempt: budget.attempt + 1 };
  const err = info.err ?? {
    kind: ErrorKind.USER,
    code: 'MaxRetriesExceeded',
    message: `task failed after ${attemptsUsed(budget)} attempt(s)`,
  };
  return { kind: 'fail', info: phaseInfoFailed(Phase.PermanentFailure, err, info.info) };
}
