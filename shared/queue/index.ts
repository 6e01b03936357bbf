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
export * from './run-deletion.js';
export * from './run-scope.js';
export * from './wait-until-gone.js';
export { closestName } from './closest-name.js';
export { type FieldShape } from './field-shape.js';
export { KNOWN_MANIFEST_FIELDS, TASK_ACTION_SPEC_FIELDS } from './known-manifest-fields.js';
export { type FieldPathParts, formatFieldPath, suggestedField, type UnknownField, unknownFieldFindings, unknownFields } from './unknown-fields.js';
