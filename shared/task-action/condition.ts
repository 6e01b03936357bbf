/**
 * TaskAction conditions: the standard Kubernetes `metav1.Condition` list, keyed by type. Flyte's executor records
 * an action's phase as three condition types; readers (Flyte's UI, `kubectl get` printer columns, our tree) key off
 * the same types and reasons, so the values below are Flyte's.
 */

export const CONDITION_PROGRESSING = 'Progressing';
export const CONDITION_SUCCEEDED = 'Succeeded';
export const CONDITION_FAILED = 'Failed';
export type ConditionType = typeof CONDITION_PROGRESSING | typeof CONDITION_SUCCEEDED | typeof CONDITION_FAILED;

export const ConditionReason = {
  Queued: 'Queued',
  Initializing: 'Initializing',
  Executing: 'Executing',
  Completed: 'Completed',
  RetryableFailure: 'RetryableFailure',
  PermanentFailure: 'PermanentFailure',
  Aborted: 'Aborted',
  PluginNotFound: 'PluginNotFound',
  InvalidSpec: 'InvalidSpec',
  /** Condition actions (human in the loop) of Flyte's newer shape: waiting for a signal. */
  Paused: 'Paused',
  Signaled: 'Signaled',
  TimedOut: 'TimedOut',
  /** Ended without running: an action it had to wait for (`kueue.dev/after`, or its parent) failed or stopped. */
  UpstreamFailed: 'UpstreamFailed',
  /** The attempt ran longer than the template's `metadata.timeout`. */
  Timeout: 'Timeout',
} as const;
export type ConditionReason = (typeof ConditionReason)[keyof typeof ConditionReason];

export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** `metav1.Condition` as it appears in JSON. */
export interface Condition {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
  /** RFC 3339 with seconds precision, as the API server stores `metav1.Time`. */
  lastTransitionTime: string;
  observedGeneration?: number;
}

export interface ConditionUpdate {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
  observedGeneration?: number;
}

/** `metav1.Time` serialisation: UTC, whole seconds. */
export function formatKubeTime(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((condition) => condition.type === type);
}

export function isConditionTrue(conditions: readonly Condition[] | undefined, type: string): boolean {
  return findCondition(conditions, type)?.status === 'True';
}

/**
 * Sets a condition the way `meta.SetStatusCondition` does: `lastTransitionTime` moves only when the status flips
 * (or the condition is new), so it tells when the state was entered rather than when it was last observed.
 * Returns a new list; the input is left untouched so callers can compare old and new status.
 */
export function setCondition(
  conditions: readonly Condition[] | undefined,
  update: ConditionUpdate,
  now: Date = new Date(),
): Condition[] {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((condition) => condition.type === update.type);
  const existing = index >= 0 ? list[index] : undefined;
  const next: Condition = {
    type: update.type,
    status: update.status,
    reason: update.reason,
    message: update.message,
    lastTransitionTime:
      existing !== undefined && existing.status === update.status ? existing.lastTransitionTime : formatKubeTime(now),
  };
  const observedGeneration = update.observedGeneration ?? existing?.observedGeneration;
  if (observedGeneration !== undefined) next.observedGeneration = observedGeneration;
  if (index >= 0) list[index] = next;
  else list.push(next);
  return list;
}

/** Removes a condition type; returns a new list. */
export function removeCondition(conditions: readonly Condition[] | undefined, type: string): Condition[] {
  return (conditions ?? []).filter((condition) => condition.type !== type);
}

/**
 * Terminal exactly as Flyte's executor decides it: a `Succeeded=True` or `Failed=True` condition. Such an action
 * is never reconciled again.
 */
export function isTerminal(action: { status?: { conditions?: readonly Condition[] } }): boolean {
  const conditions = action.status?.conditions;
  return isConditionTrue(conditions, CONDITION_SUCCEEDED) || isConditionTrue(conditions, CONDITION_FAILED);
}
