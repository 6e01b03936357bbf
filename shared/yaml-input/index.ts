// Limits every YAML (and JSON) input is held to before its value is read: convert, revert and enqueue.
export { checkYamlDocument } from './yaml-input-guard.js';
export { type YamlInputLimits, defaultYamlInputLimits, EXPANSION_ALLOWANCE_BYTES, EXPANSION_FACTOR, MAX_NESTING_DEPTH } from './input-limits.js';
export { type YamlInputProblem } from './input-problem.js';
export { inexactNumber } from './exact-number.js';
export { isStackOverflow, nestingTooDeepError } from './parse-overflow.js';
