/**
 * Labels the executor puts on the Pods it creates, besides the TaskAction's own `flyte.org/*` labels. The
 * managed-by label is how the executor watches only its Pods (a label selector on the Pod informer); the attempt
 * label tells attempts of one action apart in `kubectl get pods`.
 */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const EXECUTOR_MANAGER = 'kueue-executor';
export const ATTEMPT_LABEL = 'kueue.dev/attempt';

export const MANAGED_POD_SELECTOR = `${MANAGED_BY_LABEL}=${EXECUTOR_MANAGER}`;

/** Annotations that describe how an object was applied, not what the Pod should carry. */
export const ANNOTATIONS_NOT_COPIED: readonly string[] = ['kubectl.kubernetes.io/last-applied-configuration'];
