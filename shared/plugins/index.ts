// The plugin model: phases, phase infos, transitions, plugins and their registry, resources, plugin state. The
// pod plugins are a module of their own (./pod/index.ts).
export * from './allocation-status.js';
export * from './execution-error.js';
export * from './execution-labels.js';
export * from './flyte-plugin-state.js';
export * from './in-memory-resource-manager.js';
export * from './phase.js';
export * from './phase-info.js';
export * from './plugin.js';
export * from './plugin-kube-client.js';
export * from './plugin-logger.js';
export * from './plugin-registry.js';
export * from './plugin-state.js';
export * from './resource-manager.js';
export * from './setup-context.js';
export * from './task-environment.js';
export * from './task-execution-context.js';
export * from './task-info.js';
export * from './transition.js';
