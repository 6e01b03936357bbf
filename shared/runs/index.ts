// Runs as a whole: the status derived from all their actions, and the run-level operations built on it.
export * from './actions-watch.js';
export * from './executor-notice.js';
export * from './run-ref.js';
export * from './run-status.js';
export * from './run-status-line.js';
export * from './run-summary.js';
export * from './stop-runs.js';
export * from './wait-for-run.js';
