import { humanDuration } from '../format/index.js';
import { backoffDelayMs, type BackoffMs } from '../kube/index.js';
import { nextAttemptAt, type TaskActionStatus } from '../task-action/index.js';
import { DEFAULT_RETRY_BACKOFF_MAX_MS, DEFAULT_RETRY_BACKOFF_MS } from './executor-defaults.js';

/** The wait between a failed attempt and the next: 10 s, doubling with each failure of the round, up to 5 minutes. */
export const DEFAULT_ATTEMPT_BACKOFF: BackoffMs = { initial: DEFAULT_RETRY_BACKOFF_MS, max: DEFAULT_RETRY_BACKOFF_MAX_MS };

/**
 * How long the next attempt waits after `failedAttempts` attempts of the round failed (from 1): the first retry
 * waits `initial`, each further one twice as long, never above `max`. An `initial` of 0 retries at once.
 */
export function attemptBackoffMs(failedAttempts: number, backoff: BackoffMs): number {
  if (backoff.initial <= 0) return 0;
  return backoffDelayMs(failedAttempts, backoff);
}

/**
 * How long the action's current attempt must still wait before it starts, from the schedule in its status;
 * undefined when it need not wait (no schedule, or its time has come).
 */
export function remainingBackoffMs(status: TaskActionStatus | undefined, now: Date): number | undefined {
  const at = nextAttemptAt(status);
  if (at === undefined) return undefined;
  const remaining = at.getTime() - now.getTime();
  return remaining > 0 ? remaining : undefined;
}

/** `retrying in 20s (attempt 3 of 4)`: what an action waiting for its next attempt says. */
export function retryWaitMessage(delayMs: number, nextAttempt: number, maxAttempt: number): string {
  return `retrying in ${formatDelay(delayMs)} (attempt ${nextAttempt} of ${maxAttempt})`;
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms}ms` : humanDuration(ms);
}
