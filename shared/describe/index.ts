// `describe`: an action's task, conditions, phase history, attempts with their Pods, last error and Events; a
// run's actions one line each. Data first (`-o yaml|json`), and the text both the CLI and the editor show.
export * from './action-details.js';
export * from './attempt-details.js';
export * from './describe-action.js';
export * from './describe-run.js';
export * from './describe-text.js';
export * from './object-events.js';
export * from './task-details.js';
