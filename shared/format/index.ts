// Formatting shared by every view: human durations, kubectl's table layout.
export * from './human-duration.js';
export * from './text-table.js';
