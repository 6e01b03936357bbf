/** Limits of an exponential backoff, in milliseconds: the first delay, and the most it may grow to. */
export interface BackoffMs {
  initial: number;
  max: number;
}

/**
 * The delay before the next try after `failures` failures in a row (counted from 1; less is taken as 1):
 * `initial`, doubled with each further failure, never above `max`. Every retry in the code base waits by this one
 * formula, so they all grow and cap alike; each caller picks its own limits.
 */
export function backoffDelayMs(failures: number, backoff: BackoffMs): number {
  return Math.min(backoff.max, backoff.initial * 2 ** Math.max(0, failures - 1));
}
