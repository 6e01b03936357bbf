// Quantities are shared with convert, which task-action itself depends on.
export * from '../quantity/index.js';
