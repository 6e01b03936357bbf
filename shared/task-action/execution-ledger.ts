import { type ErrorState, type TaskActionStatus } from './types.js';

/**
 * What the executor must remember between rounds: the attempt, the system-failure streak and the last error.
 * Flyte's current CRD has status fields for them (`attempts`, `systemFailures`, `errorState`); its S3 CRD has not
 * and prunes them silently, which would restart attempt 1 for ever. So the executor also keeps them in
 * `stateJson`, a string every CRD keeps, beside Flyte's phase summary (`phase`, `actionId`, `timestamp`).
 */
export interface ExecutionLedger {
  attempts?: number;
  systemFailures?: number;
  errorState?: ErrorState;
}

/** `stateJson` as the executor writes it: Flyte's summary plus the ledger. */
export interface StateJson extends ExecutionLedger, RetryRound, AttemptSchedule {
  phase?: string;
  actionId?: string;
  timestamp?: string;
}

/**
 * The round of attempts started by the last retry request the executor took up (`kueue.dev/retry`): kept in
 * `stateJson` because no CRD has a field for it, and Flyte's S3 CRD prunes unknown status fields.
 */
export interface RetryRound {
  /** The `kueue.dev/retry` value taken up last. */
  retryRequest?: string;
  /** The first attempt of the round it started: the template's retries count from there. */
  roundFirstAttempt?: number;
}

/**
 * When the next attempt may start, after a failed one (the retry backoff): kept in `stateJson` so an executor that
 * restarts during the wait keeps the schedule instead of starting the attempt at once.
 */
export interface AttemptSchedule {
  /** RFC 3339 time before which the current attempt does not start; absent once it started. */
  nextAttemptAt?: string;
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function errorStateOf(value: unknown): ErrorState | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const result: ErrorState = {};
  for (const key of ['code', 'kind', 'message'] as const) {
    const member = (value as Record<string, unknown>)[key];
    if (typeof member === 'string') result[key] = member;
  }
  return result;
}

/**
 * `stateJson` read leniently: another executor may have written anything there (Flyte's writes its node status),
 * so what is not the expected shape is ignored rather than an error.
 */
export function parseStateJson(text: string | undefined): StateJson {
  if (text === undefined || text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const record = parsed as Record<string, unknown>;
  const result: StateJson = {};
  for (const key of ['phase', 'actionId', 'timestamp'] as const) {
    const member = record[key];
    if (typeof member === 'string') result[key] = member;
  }
  const attempts = wholeNumber(record['attempts']);
  if (attempts !== undefined) result.attempts = attempts;
  const systemFailures = wholeNumber(record['systemFailures']);
  if (systemFailures !== undefined) result.systemFailures = systemFailures;
  const errorState = errorStateOf(record['errorState']);
  if (errorState !== undefined) result.errorState = errorState;
  const retryRequest = record['retryRequest'];
  if (typeof retryRequest === 'string') result.retryRequest = retryRequest;
  const roundFirstAttempt = wholeNumber(record['roundFirstAttempt']);
  if (roundFirstAttempt !== undefined) result.roundFirstAttempt = roundFirstAttempt;
  const nextAttemptAt = record['nextAttemptAt'];
  if (typeof nextAttemptAt === 'string' && !Number.isNaN(Date.parse(nextAttemptAt))) result.nextAttemptAt = nextAttemptAt;
  return result;
}

/** When the action's current attempt may start, if it waits for the retry backoff (past times included). */
export function nextAttemptAt(status: TaskActionStatus | undefined): Date | undefined {
  const at = parseStateJson(status?.stateJson).nextAttemptAt;
  return at !== undefined ? new Date(at) : undefined;
}

/**
 * The ledger of a status: the richer status fields when the CRD kept them (they are also what Flyte's executor
 * writes), else what `stateJson` carries.
 */
export function executionLedger(status: TaskActionStatus | undefined): ExecutionLedger {
  const fromJson = parseStateJson(status?.stateJson);
  const attempts = status?.attempts ?? fromJson.attempts;
  const systemFailures = status?.systemFailures ?? fromJson.systemFailures;
  const errorState = status?.errorState ?? fromJson.errorState;
  return {
    ...(attempts !== undefined ? { attempts } : {}),
    ...(systemFailures !== undefined ? { systemFailures } : {}),
    ...(errorState !== undefined ? { errorState } : {}),
  };
}

/** The status with the ledger restored into its own fields, as a CRD that keeps them would have answered. */
export function withExecutionLedger(status: TaskActionStatus | undefined): TaskActionStatus | undefined {
  if (status === undefined) return undefined;
  return { ...status, ...executionLedger(status) };
}
