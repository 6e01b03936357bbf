// The pod plugin's tunables as users see them in `kubectl kueue executor --help`. They live apart from the plugin
// so that the CLI's help can show them without loading the plugin and the Kubernetes client.

/** How long image pull and container creation errors may last before the attempt fails (Flyte's default). */
export const DEFAULT_IMAGE_PULL_GRACE_PERIOD_MS = 180_000;
/** Attempts whose Pods are kept (the current one included): older attempts' Pods are deleted, their logs with them. */
export const DEFAULT_KEEP_ATTEMPT_PODS = 3;
