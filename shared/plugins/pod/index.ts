// The pod plugins (container and pod tasks): the only module that knows Pods. Adapters hand
// `podPluginEntries(...)` to the executor.
export * from './action-pods.js';
export * from './pod-builder.js';
export * from './pod-plugin.js';
export * from './pod-owned-objects.js';
export * from './pod-status-phase.js';
export * from './task-spec-error.js';
export { DEFAULT_IMAGE_PULL_GRACE_PERIOD_MS, DEFAULT_KEEP_ATTEMPT_PODS } from './pod-defaults.js';
export * from './attempt-pod-trim.js';
export * from './foreign-pod-state.js';
