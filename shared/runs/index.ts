// Runs as a whole: the status derived from all their actions, and the run-level operations built on it.
export * from './find-run.js';
export * from './resubmit-run.js';
export * from './retry-run.js';
export * from './run-retention.js';
export * from './run-phases.js';
export * from './run-record.js';
export * from './actions-watch.js';
export * from './run-ref.js';
export * from './run-status.js';
export * from './run-status-line.js';
export * from './run-waiting-reason.js';
export * from './run-summary.js';
export * from './select-runs.js';
export * from './stop-runs.js';
export * from './wait-for-run.js';
