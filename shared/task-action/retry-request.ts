import { parseStateJson } from './execution-ledger.js';
import { type TaskAction, type TaskActionStatus } from './types.js';

/**
 * Asks the executor to run a finished, failed action again, in place, with a new attempt: `kubectl kueue retry`
 * writes a value the executor has not taken up yet (the time of the request). An annotation, because Flyte's CRDs
 * prune unknown spec fields and users may not write the status.
 */
export const RETRY_ANNOTATION = 'kueue.dev/retry';

/**
 * Whether `requested` is a request the executor has not taken up: any value other than the one it recorded. Not
 * "later than": the values are compared as given, so a clock that went back, or a counter, still asks again.
 */
export function isNewRetryRequest(requested: string | undefined, acknowledged: string | undefined): requested is string {
  return requested !== undefined && requested.trim() !== '' && requested !== acknowledged;
}

/** The retry request on an action that its executor has not taken up yet, if there is one. */
export function pendingRetryRequest(action: Pick<TaskAction, 'metadata' | 'status'>): string | undefined {
  const requested = action.metadata.annotations?.[RETRY_ANNOTATION];
  return isNewRetryRequest(requested, parseStateJson(action.status?.stateJson).retryRequest) ? requested : undefined;
}

/** The first attempt of the current round (1 before any retry request): retries allowed by the template count from it. */
export function roundFirstAttempt(status: TaskActionStatus | undefined): number {
  return Math.max(1, parseStateJson(status?.stateJson).roundFirstAttempt ?? 1);
}

/** A value for a new request that differs from the one the action carries now (same millisecond, another try). */
export function nextRetryRequestValue(current: string | undefined, now: Date): string {
  const value = now.toISOString();
  return value === current ? `${value}#2` : value;
}
