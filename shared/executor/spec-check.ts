import { type TaskActionSpec } from '../task-action/index.js';

/**
 * Spec fields an action cannot run without, in the order Flyte's executor checks them. `org` is not among them:
 * Flyte's current shape dropped it, and actions of either shape must run.
 */
export const REQUIRED_SPEC_FIELDS = [
  'runName',
  'project',
  'domain',
  'actionName',
  'taskType',
  'taskTemplate',
  'inputUri',
  'runOutputBase',
] as const satisfies readonly (keyof TaskActionSpec)[];

/** What every action needs, tasks or not: the fields that identify it (Flyte's current CRD requires only these). */
export const IDENTITY_SPEC_FIELDS = ['runName', 'project', 'domain', 'actionName'] as const satisfies readonly (keyof TaskActionSpec)[];

export function missingSpecFields(spec: Partial<TaskActionSpec> | undefined, required: readonly (keyof TaskActionSpec)[] = REQUIRED_SPEC_FIELDS): string[] {
  return required.filter((field) => {
    const value = spec?.[field];
    return typeof value !== 'string' || value === '';
  });
}

/** Flyte's message, Go's `%v` of a string slice included: `required spec fields are empty: [taskType inputUri]`. */
export function invalidSpecMessage(missing: readonly string[]): string {
  return `required spec fields are empty: [${missing.join(' ')}]`;
}
