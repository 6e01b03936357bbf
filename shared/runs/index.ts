// Runs as a whole: the status derived from all their actions, and the run-level operations built on it.
export * from './run-status.js';
export * from './run-summary.js';
