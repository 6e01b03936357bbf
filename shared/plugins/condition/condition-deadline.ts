import { type ConditionAction } from '@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb.js';

/** The condition's timeout in milliseconds; undefined when it has none (unset, zero or negative are ignored). */
export function conditionTimeoutMs(condition: ConditionAction): number | undefined {
  const timeout = condition.timeout;
  if (timeout === undefined) return undefined;
  const ms = Number(timeout.seconds) * 1000 + timeout.nanos / 1e6;
  return ms > 0 ? ms : undefined;
}

/**
 * When an unsignalled condition times out: its creation plus its timeout, as Flyte's executor counts it (not from
 * when an executor first saw it, so a restart or a late executor does not extend the wait). Undefined without a
 * timeout, or without a creation time to count from.
 */
export function conditionDeadline(condition: ConditionAction, creationTimestamp: string | undefined): Date | undefined {
  const timeoutMs = conditionTimeoutMs(condition);
  if (timeoutMs === undefined || creationTimestamp === undefined) return undefined;
  const created = Date.parse(creationTimestamp);
  return Number.isNaN(created) ? undefined : new Date(created + timeoutMs);
}
