import { type JsonObject } from '@bufbuild/protobuf';
import { type Phase } from './phase.js';

export interface TaskLog {
  name: string;
  uri: string;
}

/** Something a task launched outside itself (e.g. one Pod of several), reported with the task's phase. */
export interface ExternalResource {
  externalId: string;
  /** Stable across retries even when the id changes. */
  index: number;
  logs?: TaskLog[];
  retryAttempt: number;
  phase: Phase;
  customInfo?: JsonObject;
}

/** One extra reason, e.g. a Kubernetes event about the Pod; not part of the phase itself. */
export interface ReasonInfo {
  reason: string;
  occurredAt?: Date;
}

/** What a plugin adds to a phase for people and UIs. */
export interface TaskInfo {
  logs?: TaskLog[];
  /** When the phase was entered; defaults to when the plugin reported it. */
  occurredAt?: Date;
  reportedAt?: Date;
  customInfo?: JsonObject;
  externalResources?: ExternalResource[];
  additionalReasons?: ReasonInfo[];
  /**
   * The reason to record in the TaskAction's conditions instead of the phase's own (`Executing`, `Completed`,
   * `PermanentFailure`, ...), for plugins whose states Flyte names otherwise, e.g. a condition action's `Paused`,
   * `Signaled` and `TimedOut`. With it, a non-empty `PhaseInfo.reason` becomes the conditions' message.
   */
  conditionReason?: string;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * Go's `time.Time.String()` for a UTC time: `2006-01-02 15:04:05.999999999 +0000 UTC`, fractional zeros trimmed.
 * A JavaScript date carries milliseconds, and has no monotonic reading to append.
 */
export function formatGoTime(time: Date): string {
  const date = `${time.getUTCFullYear()}-${pad(time.getUTCMonth() + 1)}-${pad(time.getUTCDate())}`;
  const clock = `${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())}`;
  const fraction = pad(time.getUTCMilliseconds(), 3).replace(/0+$/, '');
  return `${date} ${clock}${fraction === '' ? '' : `.${fraction}`} +0000 UTC`;
}

/** Go's `TaskInfo.String()`: `Info<@TIME>`; `<nil>` stands for a missing time, as Go prints a nil pointer. */
export function taskInfoToString(info: TaskInfo): string {
  return `Info<@${info.occurredAt === undefined ? '<nil>' : formatGoTime(info.occurredAt)}>`;
}
