import { ErrorKind, type ExecutionError, executionErrorToString } from './execution-error.js';
import { Phase, phaseToString } from './phase.js';
import { type TaskInfo, taskInfoToString } from './task-info.js';

export const DEFAULT_PHASE_VERSION = 0;
export const SYSTEM_ERROR_CODE = 'SystemError';

export interface PhaseInfoFields {
  phase: Phase;
  version?: number;
  info?: TaskInfo;
  err?: ExecutionError;
  reason?: string;
  cleanupOnFailure?: boolean;
}

/**
 * What a plugin observed this round: a phase, a version (a new version of the same phase is a new event), and
 * either details (`info`, `reason`) or an error. A port of Flyte's `core.PhaseInfo`. Values are immutable: where
 * Go's `WithReason` changes the value in place, `withReason` here returns the changed copy.
 */
export class PhaseInfo {
  readonly phase: Phase;
  readonly version: number;
  readonly info: TaskInfo | undefined;
  readonly err: ExecutionError | undefined;
  /** Why the phase was entered. Failure constructors leave it empty: their text is `err.message`. */
  readonly reason: string;
  /**
   * Clean up even though the phase is a failure: for failures whose resource keeps running, such as a Pod stuck
   * pulling an image that does not exist.
   */
  readonly cleanupOnFailure: boolean;

  constructor(fields: PhaseInfoFields) {
    this.phase = fields.phase;
    this.version = fields.version ?? DEFAULT_PHASE_VERSION;
    this.info = fields.info;
    this.err = fields.err;
    this.reason = fields.reason ?? '';
    this.cleanupOnFailure = fields.cleanupOnFailure ?? false;
  }

  /** A copy with another version. As upstream, the copy does not keep `cleanupOnFailure`. */
  withVersion(version: number): PhaseInfo {
    return new PhaseInfo({ phase: this.phase, version, info: this.info, err: this.err, reason: this.reason });
  }

  /** A copy with `reason` appended after ", " when there already is a reason (even if `reason` is empty). */
  withReason(reason: string): PhaseInfo {
    return new PhaseInfo({
      phase: this.phase,
      version: this.version,
      info: this.info,
      err: this.err,
      reason: this.reason !== '' ? `${this.reason}, ${reason}` : reason,
      cleanupOnFailure: this.cleanupOnFailure,
    });
  }

  /** Go's format: `Phase<PhaseRunning:1 Info<@...> Reason:r>`, or `Phase<NAME:VERSION Error:ERR>` on error. */
  toString(): string {
    const head = `Phase<${phaseToString(this.phase)}:${this.version}`;
    if (this.err !== undefined) return `${head} Error:${executionErrorToString(this.err)}>`;
    return `${head} ${this.info === undefined ? '<nil>' : taskInfoToString(this.info)} Reason:${this.reason}>`;
  }
}

/** The phase is unknown, usually because of an error. Has no info. */
export const PHASE_INFO_UNDEFINED = new PhaseInfo({ phase: Phase.Undefined });

/**
 * As upstream: a missing info becomes `{}`, and an info without `occurredAt` gets the current time (set on the
 * caller's object, which stays the same object).
 */
function phaseInfo(
  phase: Phase,
  version: number,
  err: ExecutionError | undefined,
  info: TaskInfo | undefined,
  cleanupOnFailure: boolean,
  reason = '',
): PhaseInfo {
  const details = info ?? {};
  details.occurredAt ??= new Date();
  return new PhaseInfo({ phase, version, info: details, err, reason, cleanupOnFailure });
}

/** The plugin is not ready to start. */
export function phaseInfoNotReady(t: Date, version: number, reason: string): PhaseInfo {
  return phaseInfo(Phase.NotReady, version, undefined, { occurredAt: t }, false, reason);
}

/** @deprecated use `phaseInfoWaitingForResourcesInfo`. */
export function phaseInfoWaitingForResources(t: Date, version: number, reason: string): PhaseInfo {
  return phaseInfo(Phase.WaitingForResources, version, undefined, { occurredAt: t }, false, reason);
}

/**
 * The plugin cannot start yet for lack of resources. As upstream, the time comes from `info.occurredAt` (or now);
 * `_t` is not used.
 */
export function phaseInfoWaitingForResourcesInfo(
  _t: Date,
  version: number,
  reason: string,
  info?: TaskInfo,
): PhaseInfo {
  return phaseInfo(Phase.WaitingForResources, version, undefined, info, false, reason);
}

export function phaseInfoQueued(t: Date, version: number, reason: string): PhaseInfo {
  return phaseInfo(Phase.Queued, version, undefined, { occurredAt: t }, false, reason);
}

/** As upstream, the time comes from `info.occurredAt` (or now); `_t` is not used. */
export function phaseInfoQueuedWithTaskInfo(_t: Date, version: number, reason: string, info?: TaskInfo): PhaseInfo {
  return phaseInfo(Phase.Queued, version, undefined, info, false, reason);
}

/** As upstream, the time comes from `info.occurredAt` (or now); `_t` is not used. */
export function phaseInfoInitializing(_t: Date, version: number, reason: string, info?: TaskInfo): PhaseInfo {
  return phaseInfo(Phase.Initializing, version, undefined, info, false, reason);
}

/** A failure phase with the given error (which may be absent), at version 0. */
export function phaseInfoFailed(phase: Phase, err: ExecutionError | undefined, info?: TaskInfo): PhaseInfo {
  return phaseInfo(phase, DEFAULT_PHASE_VERSION, err, info, false);
}

export function phaseInfoRunning(version: number, info?: TaskInfo): PhaseInfo {
  return phaseInfo(Phase.Running, version, undefined, info, false);
}

export function phaseInfoSuccess(info?: TaskInfo): PhaseInfo {
  return phaseInfo(Phase.Success, DEFAULT_PHASE_VERSION, undefined, info, false);
}

export function phaseInfoAborted(t: Date, version: number, reason: string): PhaseInfo {
  return phaseInfo(Phase.Aborted, version, undefined, { occurredAt: t }, false, reason);
}

/** Waiting for a cache to be populated so the result can be reused. */
export function phaseInfoWaitingForCache(version: number, info?: TaskInfo): PhaseInfo {
  return phaseInfo(Phase.WaitingForCache, version, undefined, info, false);
}

function failure(
  phase: Phase,
  kind: ErrorKind,
  code: string,
  message: string,
  info: TaskInfo | undefined,
  cleanupOnFailure: boolean,
): PhaseInfo {
  return phaseInfo(phase, DEFAULT_PHASE_VERSION, { code, message, kind }, info, cleanupOnFailure);
}

/** A permanent failure caused by the user's task. */
export function phaseInfoFailure(code: string, message: string, info?: TaskInfo): PhaseInfo {
  return failure(Phase.PermanentFailure, ErrorKind.USER, code, message, info, false);
}

export function phaseInfoFailureWithCleanup(code: string, message: string, info?: TaskInfo): PhaseInfo {
  return failure(Phase.PermanentFailure, ErrorKind.USER, code, message, info, true);
}

/** A failure caused by the user's task that another attempt may not repeat. */
export function phaseInfoRetryableFailure(code: string, message: string, info?: TaskInfo): PhaseInfo {
  return failure(Phase.RetryableFailure, ErrorKind.USER, code, message, info, false);
}

export function phaseInfoRetryableFailureWithCleanup(code: string, message: string, info?: TaskInfo): PhaseInfo {
  return failure(Phase.RetryableFailure, ErrorKind.USER, code, message, info, true);
}

/** A permanent failure of the system rather than the task. */
export function phaseInfoSystemFailure(code: string, message: string, info?: TaskInfo): PhaseInfo {
  return failure(Phase.PermanentFailure, ErrorKind.SYSTEM, code, message, info, false);
}

export function phaseInfoSystemFailureWithCleanup(code: string, message: string, info?: TaskInfo): PhaseInfo {
  return failure(Phase.PermanentFailure, ErrorKind.SYSTEM, code, message, info, true);
}

/** A system failure another attempt may not repeat, e.g. the Pod was deleted by someone else. */
export function phaseInfoSystemRetryableFailure(code: string, message: string, info?: TaskInfo): PhaseInfo {
  return failure(Phase.RetryableFailure, ErrorKind.SYSTEM, code, message, info, false);
}

export function phaseInfoSystemRetryableFailureWithCleanup(
  code: string,
  message: string,
  info?: TaskInfo,
): PhaseInfo {
  return failure(Phase.RetryableFailure, ErrorKind.SYSTEM, code, message, info, true);
}
