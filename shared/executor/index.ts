// The executor: the reconcile engine that drives TaskActions through the plugins it is given (work queue, leader
// election, status writes, retry and system-failure budgets, the watches plugins ask for). Plugin-agnostic.
export * from './cache-first-client.js';
export * from './event-recorder.js';
export * from './execution-context.js';
export * from './executor.js';
export * from './executor-defaults.js';
export * from './executor-logger.js';
export * from './executor-presence.js';
export * from './executor-stats.js';
export * from './finalizers.js';
export * from './generated-name.js';
export * from './leader-election.js';
export * from './lease-record.js';
export * from './next-status.js';
export * from './object-freshness.js';
export * from './owned-object-watches.js';
export * from './phase-conditions.js';
export * from './plugin-route.js';
export * from './reconciler.js';
export * from './retry-policy.js';
export * from './spec-check.js';
export * from './status-changed.js';
export * from './stop-record.js';
export * from './transition-event.js';
export * from './transition-line.js';
export * from './work-queue.js';
