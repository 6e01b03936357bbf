import { formatMs } from './stats.js';

/**
 * Waits for `check`, looking every 20 ms: a bench that reads the clock right after the wait (a drain's end, a
 * throughput run's end) must not add shared/'s growing poll backoff to what it measures.
 */
export async function waitFor(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${formatMs(timeoutMs)} waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
