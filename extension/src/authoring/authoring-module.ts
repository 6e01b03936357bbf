// The authoring features' heavy half (the YAML layer and the queue core's checks), loaded the first time a YAML
// file of a kind enqueue reads is checked, completed, hovered or enqueued. esbuild writes this one to
// dist/lib/authoring-authoring-module.js.
export { enqueueTargets, fieldCompletions, fieldHover, manifestProblems } from '../../../shared/authoring/index.js';
export { dryRunEnqueue } from './dry-run-enqueue.js';
export { taskActionSchemaText } from './task-action-schema-text.js';
