// Flyte's current ActionsService over TaskActions, apart from the RPC layer: phases and updates as the service
// reports them, output locations, condition actions and their signals, and one shared watch per namespace.
export * from './action-phase.js';
export * from './action-update.js';
export * from './action-updates-hub.js';
export * from './condition-literals.js';
export * from './condition-lookup.js';
export * from './enqueue-condition.js';
export * from './namespace-keeper.js';
export * from './output-location.js';
export * from './signal-action.js';
export * from './signal-refusal.js';
