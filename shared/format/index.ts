// Formatting shared by every view: human durations.
export * from './human-duration.js';
