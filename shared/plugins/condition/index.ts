// The condition plugin: condition actions (a run waiting for a signal) executed without a Pod. Adapters hand
// `conditionPluginEntries()` to the executor beside the pod plugins.
export * from './condition-deadline.js';
export * from './condition-plugin.js';
