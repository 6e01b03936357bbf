import { type TaskAction } from './types.js';

/**
 * Asks the executor to stop an action: abort what runs for it and record it Aborted, keeping the object (unlike
 * a delete, the history stays visible). The value is when it was asked, RFC 3339. An annotation rather than a
 * spec field, so it survives Flyte's CRDs (which prune unknown spec fields) and needs no status write by users.
 */
export const ANNOTATION_STOP = 'kueue.dev/stop';

/** When a stop was asked for, or undefined when it was not. */
export function stopRequestedAt(action: Pick<TaskAction, 'metadata'>): string | undefined {
  const value = action.metadata.annotations?.[ANNOTATION_STOP];
  return value === undefined || value === '' ? undefined : value;
}
