/**
 * The phase a plugin reports for a task execution, ported from Flyte's plugin machinery (`core.Phase`) with the
 * same values and order, so numbers and names stored in TaskAction status mean the same to both executors.
 */
export enum Phase {
  /** Unknown this round; try again later. Also used to signal a system error. */
  Undefined = 0,
  NotReady = 1,
  /** The plugin cannot submit yet: it is waiting for resources (e.g. a quota). */
  WaitingForResources = 2,
  /** Submitted, not started. */
  Queued = 3,
  /** Pre-execution work, such as pulling the image. */
  Initializing = 4,
  Running = 5,
  Success = 6,
  /** Failed, but re-executing may succeed if retries remain. */
  RetryableFailure = 7,
  /** Failed; retrying will not help. */
  PermanentFailure = 8,
  /** Waiting for a cache to be populated so the result can be reused. */
  WaitingForCache = 9,
  Aborted = 10,
}

/** Every phase, in value order. */
export const PHASES: readonly Phase[] = [
  Phase.Undefined,
  Phase.NotReady,
  Phase.WaitingForResources,
  Phase.Queued,
  Phase.Initializing,
  Phase.Running,
  Phase.Success,
  Phase.RetryableFailure,
  Phase.PermanentFailure,
  Phase.WaitingForCache,
  Phase.Aborted,
];

const NAMES: readonly string[] = [
  'PhaseUndefined',
  'PhaseNotReady',
  'PhaseWaitingForResources',
  'PhaseQueued',
  'PhaseInitializing',
  'PhaseRunning',
  'PhaseSuccess',
  'PhaseRetryableFailure',
  'PhasePermanentFailure',
  'PhaseWaitingForCache',
  'PhaseAborted',
];

const BY_NAME = new Map<string, Phase>(NAMES.map((name, value) => [name, value as Phase]));

/** Go's `Phase.String()`: the constant's name, e.g. `PhaseRunning`; `Phase(11)` outside the range. */
export function phaseToString(phase: Phase): string {
  return (Number.isInteger(phase) ? NAMES[phase] : undefined) ?? `Phase(${phase})`;
}

/** Go's `PhaseString`: an exact, case-sensitive lookup of a name made by `phaseToString`. */
export function phaseFromString(name: string): Phase {
  const phase = BY_NAME.get(name);
  if (phase === undefined) throw new Error(`${name} does not belong to Phase values`);
  return phase;
}

/** Go's `IsAPhase`. */
export function isPhase(value: number): value is Phase {
  return PHASES.includes(value);
}

export function isFailurePhase(phase: Phase): boolean {
  return phase === Phase.PermanentFailure || phase === Phase.RetryableFailure;
}

export function isSuccessPhase(phase: Phase): boolean {
  return phase === Phase.Success;
}

export function isAbortedPhase(phase: Phase): boolean {
  return phase === Phase.Aborted;
}

/** Success, either failure, or aborted: the plugin is done with this attempt. */
export function isTerminalPhase(phase: Phase): boolean {
  return isFailurePhase(phase) || isSuccessPhase(phase) || isAbortedPhase(phase);
}

export function isWaitingForResourcesPhase(phase: Phase): boolean {
  return phase === Phase.WaitingForResources;
}
