import { actionErrors, type ActionFields } from '../../../shared/task-action/index.js';

/**
 * The first problem the core finds with a run or action name typed in an input box (with the CR name it makes),
 * with its hint, or undefined when the name is fine: the same check `kubectl kueue enqueue` runs.
 */
export function nameProblem(fields: ActionFields, field: 'spec.runName' | 'spec.actionName'): string | undefined {
  const first = actionErrors(fields).find((e) => e.location.field === field || e.location.field === 'metadata.name');
  return first === undefined ? undefined : `${first.message}${first.hint !== undefined ? ` (${first.hint})` : ''}`;
}
