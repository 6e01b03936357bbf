// The run scope is resolved in the core, so the CLI and the editor put runs in the same place.
export { DEFAULT_DOMAIN, DEFAULT_ORG, DEFAULT_PROJECT, type RunScopeFlags, runScope } from '../shared/queue/run-scope.js';
