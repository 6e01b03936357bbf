import { TASKACTION_API_VERSION, TASKACTION_KIND } from '../task-action/index.js';

/** The kinds authoring knows: what `kubectl kueue enqueue -f` accepts. */
export type AuthoredKind = 'TaskAction' | 'Pod' | 'Job';

/** The kind of a parsed document when it is one enqueue accepts (by apiVersion and kind, as enqueue reads it). */
export function authoredKind(value: unknown): AuthoredKind | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { apiVersion, kind } = value as { apiVersion?: unknown; kind?: unknown };
  if (apiVersion === TASKACTION_API_VERSION && kind === TASKACTION_KIND) return 'TaskAction';
  if (apiVersion === 'v1' && kind === 'Pod') return 'Pod';
  if (apiVersion === 'batch/v1' && kind === 'Job') return 'Job';
  return undefined;
}
