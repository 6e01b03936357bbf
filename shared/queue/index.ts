// The Kubernetes-native queue: enqueue, abort, list and tree of TaskActions on a KubeClient.
export * from './abort.js';
export * from './action-order.js';
export * from './action-subtree.js';
export * from './action-tree.js';
export * from './actions-from-manifest.js';
export * from './check-batch-order.js';
export * from './enqueue.js';
export * from './find-action.js';
export * from './kept-spec-fields.js';
export * from './list-task-actions.js';
export * from './order-parents-first.js';
export * from './parse-manifest-text.js';
export * from './run-scope.js';
export * from './wait-until-gone.js';
