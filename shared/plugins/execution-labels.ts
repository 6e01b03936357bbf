/**
 * Labels the executor adds to `TaskExecutionMetadata.labels`, besides the TaskAction's own `flyte.org/*` labels,
 * for plugins to put on what they create. The managed-by label is how a plugin's watch sees only what this
 * executor created (a label selector); the attempt label tells attempts of one action apart.
 */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const EXECUTOR_MANAGER = 'kueue-executor';
export const ATTEMPT_LABEL = 'kueue.dev/attempt';

/** Selects what plugins created for this executor: the selector of their watches. */
export const MANAGED_BY_EXECUTOR_SELECTOR = `${MANAGED_BY_LABEL}=${EXECUTOR_MANAGER}`;

/** Flyte's current executor marks what it manages with this label (its Pod watch selects on it). */
export const FLYTE_MANAGED_LABEL = 'flyte.org/managed';

const MAX_LABEL_VALUE = 63;

/**
 * A label value made from free text the way Flyte does it: lower case, anything but `a-z 0-9 - .` becomes `-`, at
 * most 63 characters, and no `-`, `.` or `_` at either end (the API server refuses those).
 */
export function sanitizeLabelValue(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^-.a-z0-9]/g, '-')
    .slice(0, MAX_LABEL_VALUE)
    .replace(/^[-._]+|[-._]+$/g, '');
}

export interface FlyteExecutionLabelParts {
  runName: string;
  actionName: string;
  /** From 1. */
  attempt: number;
  /** The template's task name, when it has an identifier. */
  taskName?: string;
}

/**
 * The labels Flyte's current executor puts on its Pods (`flyte.org/managed`, `run`, `action`, `attempt` from 1,
 * `task-name`), so tooling written for Flyte's Pods finds ours too.
 */
export function flyteExecutionLabels(parts: FlyteExecutionLabelParts): Record<string, string> {
  const labels: Record<string, string> = {
    [FLYTE_MANAGED_LABEL]: 'true',
    run: sanitizeLabelValue(parts.runName),
    action: sanitizeLabelValue(parts.actionName),
    attempt: String(parts.attempt),
  };
  const taskName = parts.taskName !== undefined ? sanitizeLabelValue(parts.taskName) : '';
  if (taskName !== '') labels['task-name'] = taskName;
  return labels;
}
