/**
 * The task template asks for something that can never run (no container, a Pod spec the sequential conversion
 * refuses, ...). The pod plugin turns it into a permanent failure with code `BadTaskSpecification`, as Flyte does
 * for Pods the API server rejects as invalid: retrying would fail the same way.
 */
export class TaskSpecError extends Error {
  override readonly name = 'TaskSpecError';
}

export const BAD_TASK_SPECIFICATION = 'BadTaskSpecification';
