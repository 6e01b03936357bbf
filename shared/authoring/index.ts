// Authoring manifests for enqueue: problems placed on the text (with quick fixes), field completion and hovers.
export { type AuthoringProblem, type TextFix } from './authoring-problem.js';
export { type FieldCompletion, type FieldCompletions, fieldCompletions } from './field-completions.js';
export { type FieldHover, fieldHover } from './field-hover.js';
export { TASK_ACTION_FIELD_DOCS, taskActionFieldDoc } from './field-docs.js';
export { type AuthoredKind, authoredKind } from './manifest-kind.js';
export { manifestProblems } from './manifest-problems.js';
export { type Span } from './yaml-nodes.js';
export { type EnqueueTarget, enqueueInput, enqueueTargets } from './enqueue-targets.js';
export { type JsonSchema, type OpenApiSchema, type SchemaChecks, taskActionJsonSchema } from './task-action-json-schema.js';
