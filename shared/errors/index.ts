// Errors the core raises and how they read: user mistakes with their location, Kubernetes API errors, connection failures.
export * from './api-error.js';
export * from './connection-error.js';
export * from './error-message.js';
export * from './rbac-hint.js';
export * from './user-error.js';
export * from './leadership-lost-error.js';
export * from './request-timeout-error.js';
