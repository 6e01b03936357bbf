// The executor's tunables as users see them in `kubectl kueue executor --help`. They live apart from the
// engine so that the CLI's help can show them without loading the engine and the Kubernetes client.

/** TaskActions reconciled at once. */
export const DEFAULT_CONCURRENCY = 16;
/** Every unfinished TaskAction is reconciled at least this often, even without events. */
export const DEFAULT_RESYNC_MS = 30_000;
/** The Lease that makes one executor act per namespace. */
export const DEFAULT_LEASE_NAME = 'kueue-executor';
/** How long a standby waits for a silent leader before taking over. */
export const DEFAULT_LEASE_DURATION_MS = 15_000;
/** Consecutive system errors tolerated before an action fails (Flyte's default). */
export const DEFAULT_MAX_SYSTEM_FAILURES = 3;
/** The wait before the second attempt of a failed action; each further attempt waits twice as long. */
export const DEFAULT_RETRY_BACKOFF_MS = 10_000;
/** The longest wait between two attempts. */
export const DEFAULT_RETRY_BACKOFF_MAX_MS = 5 * 60_000;
/** The longest one API request (not a watch) may take before it fails and is retried. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
