import { type BackoffMs, backoffDelayMs } from './backoff.js';
import { formatDuration } from './duration.js';

const POLL_BACKOFF: BackoffMs = { initial: 50, max: 1000 };

/**
 * Calls `check` until it returns true, backing off from 50 ms to 1 s, or throws after `timeoutMs` with what
 * it was waiting for. Errors thrown by `check` end the wait at once.
 */
export async function pollUntil(
  check: () => Promise<boolean>,
  options: { timeoutMs: number; what: () => string; signal?: AbortSignal },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (let polls = 1; ; polls++) {
    if (await check()) return;
    if (options.signal?.aborted) throw new Error(`cancelled while waiting for ${options.what()}`);
    if (Date.now() >= deadline) throw new Error(`timed out after ${formatDuration(options.timeoutMs)} waiting for ${options.what()}`);
    await new Promise((r) => setTimeout(r, Math.min(backoffDelayMs(polls, POLL_BACKOFF), Math.max(0, deadline - Date.now()))));
  }
}
