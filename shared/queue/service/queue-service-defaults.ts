// The QueueService server's settings as users see them in `kubectl kueue serve --help`. They live apart from
// the server so that the CLI's help can show them without loading Connect and the Kubernetes client.

/** Loopback only unless asked: the service enqueues and aborts work in the cluster. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8089;
/** Flyte's queue keeps its TaskActions in namespace flyte, so a Flyte deployment finds them there. */
export const DEFAULT_NAMESPACE = 'flyte';
/** A TaskTemplate is a few KiB; Kubernetes itself refuses objects over ~1.5 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Within Kubernetes' default 30 s termination grace period, leaving time to close connections. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;
/** A connection that sends nothing recognisable for this long is closed. */
export const DEFAULT_SNIFF_TIMEOUT_MS = 10_000;
/** Idle connections are closed after this long without traffic. */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
/** QueueService keeps Flyte's S3 queue names, which Flyte's S3 executor and earlier kueue releases expect. */
export const DEFAULT_NAMING = 'flyte-s3';
/** A request's headers must arrive within this long (slow-header clients are answered 408 and closed). */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/** A whole request, headers and body, must arrive within this long. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Open connections from one client address; more are closed at once. */
export const DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 64;
/** A call without a deadline of its own (`connect-timeout-ms`, `grpc-timeout`) gets this one. */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;
