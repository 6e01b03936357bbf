// Flyte's QueueService over TaskActions: request decoding and validation, error mapping, the service
// implementation, readiness, and the one-port HTTP/1.1 + h2c server that hosts it (its request router and
// connection tracker).
export * from './abort-request.js';
export * from './actions-service-impl.js';
export * from './client-template-bytes.js';
export * from './connect-error.js';
export * from './connection-tracker.js';
export * from './enqueue-request.js';
export * from './health-endpoints.js';
export * from './node-http.js';
export * from './protocol-sniffer.js';
export * from './queue-service-defaults.js';
export * from './queue-service-impl.js';
export * from './queue-service-server.js';
export * from './raw-message-bytes.js';
export * from './raw-request-body.js';
export * from './readiness.js';
export * from './request-fields.js';
export * from './request-identifiers.js';
export * from './request-log.js';
export * from './request-router.js';
export * from './rpc-outcome.js';
export * from './unread-body.js';
