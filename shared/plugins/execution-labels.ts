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
