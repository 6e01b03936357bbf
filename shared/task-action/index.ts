// The TaskAction core: the CR's shape and constants, naming and validation, task templates, conditions.
export * from './action-description.js';
export * from './build-task-action.js';
export * from './condition.js';
export * from './container-task.js';
export * from './labels.js';
export * from './naming.js';
export * from './pod-task.js';
export * from './api-constants.js';
export * from './resource-requirements.js';
export * from './spec-equality.js';
export * from './task-template-codec.js';
export * from './task-template-options.js';
export * from './task-template-view.js';
export * from './types.js';
export * from './validation.js';
export { actionTimes, displayPhase, isFinished } from './display-phase.js';
export type { DisplayPhase } from './display-phase.js';
