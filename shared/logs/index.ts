// Pod logs of actions and runs: finding the Pod of each attempt, reading and following container logs through the
// KubeClient (resuming after a dropped connection without repeating or losing a line), steps in order.
export * from './action-attempts.js';
export * from './action-log-follower.js';
export * from './action-log-reader.js';
export * from './container-log.js';
export * from './container-state.js';
export * from './log-containers.js';
export * from './log-cursor.js';
export * from './log-line.js';
export * from './log-request.js';
export * from './log-time.js';
export * from './run-actions.js';
export * from './stream-logs.js';
