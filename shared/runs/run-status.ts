import { CONDITION_FAILED, CONDITION_PROGRESSING, ConditionReason, actionTimes, displayPhase, findCondition, type TaskAction } from '../task-action/index.js';

/** A run's status as a person and `wait` see it: derived from all of its actions, never from the root alone. */
export type RunPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Aborted';

export interface RunStatus {
  phase: RunPhase;
  /** Every action is finished (succeeded, failed, aborted or skipped): nothing of the run will change any more. */
  finished: boolean;
  total: number;
  succeeded: number;
  /** Failed permanently (after retries) or ended without running because an action it waited for failed. */
  failed: number;
  /** Of `failed`, those that never ran because of another action (reason `UpstreamFailed`). */
  skipped: number;
  aborted: number;
  /** Started and not finished: initializing, running, retrying, paused for a signal, being deleted. */
  active: number;
  /** Not started yet (no executor has taken them, or they wait for a slot or for other actions). */
  pending: number;
  /** `succeeded/total`, as argo and Kueue print progress. */
  progress: string;
  /** The first start of any action (or the earliest creation when none started). */
  startedAt?: string;
  /** The last end of any action, only once the run is finished. */
  finishedAt?: string;
}

type ActionOutcome = 'succeeded' | 'failed' | 'skipped' | 'aborted' | 'active' | 'pending';

function outcomeOf(action: TaskAction): ActionOutcome {
  switch (displayPhase(action)) {
    case 'Succeeded':
      return 'succeeded';
    case 'Aborted':
      return 'aborted';
    case 'Failed':
      return findCondition(action.status?.conditions, CONDITION_FAILED)?.reason === ConditionReason.UpstreamFailed ? 'skipped' : 'failed';
    case 'Pending':
      return 'pending';
    case 'Queued':
      // A condition action waiting for its signal has started: the run waits on a person, not on an executor.
      return findCondition(action.status?.conditions, CONDITION_PROGRESSING)?.reason === ConditionReason.Paused ? 'active' : 'pending';
    default:
      return 'active';
  }
}

function earliest(values: (string | undefined)[]): string | undefined {
  return values.filter((v): v is string => v !== undefined).sort()[0];
}

function latest(values: (string | undefined)[]): string | undefined {
  return values.filter((v): v is string => v !== undefined).sort().at(-1);
}

/**
 * One function decides what a run's status is, for every view (list, tree header, describe, the editor) and for
 * `wait`. While anything is unfinished the run is Running (or Pending when nothing started yet); a finished run
 * is Failed when an action failed by itself, else Aborted when one was stopped, else Failed when one was skipped
 * (its upstream was stopped: the run did not do all its work), else Succeeded.
 */
export function runStatus(actions: readonly TaskAction[]): RunStatus {
  const counts: Record<ActionOutcome, number> = { succeeded: 0, failed: 0, skipped: 0, aborted: 0, active: 0, pending: 0 };
  const starts: (string | undefined)[] = [];
  const ends: (string | undefined)[] = [];
  for (const action of actions) {
    const outcome = outcomeOf(action);
    counts[outcome] += 1;
    const times = actionTimes(action);
    // A skipped or pending action never started: its creation time is no start of the run's work.
    if (outcome !== 'pending' && outcome !== 'skipped') starts.push(times.startedAt);
    ends.push(times.finishedAt);
  }
  const total = actions.length;
  const finished = total > 0 && counts.active === 0 && counts.pending === 0;
  const phase: RunPhase = finished
    ? counts.failed > 0
      ? 'Failed'
      : counts.aborted > 0
        ? 'Aborted'
        : counts.skipped > 0
          ? 'Failed'
          : 'Succeeded'
    : counts.active > 0 || counts.succeeded + counts.failed + counts.skipped + counts.aborted > 0
      ? 'Running'
      : 'Pending';
  const startedAt = earliest(starts) ?? earliest(actions.map((a) => a.metadata.creationTimestamp));
  return {
    phase,
    finished,
    total,
    succeeded: counts.succeeded,
    failed: counts.failed + counts.skipped,
    skipped: counts.skipped,
    aborted: counts.aborted,
    active: counts.active,
    pending: counts.pending,
    progress: `${counts.succeeded}/${total}`,
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(finished && latest(ends) !== undefined ? { finishedAt: latest(ends) } : {}),
  };
}

/** How long the run took (first start to last end), or has been running until `now`; undefined before it started. */
export function runDurationMs(status: RunStatus, now: Date = new Date()): number | undefined {
  if (status.startedAt === undefined || status.phase === 'Pending') return undefined;
  const end = status.finishedAt !== undefined ? Date.parse(status.finishedAt) : now.getTime();
  const start = Date.parse(status.startedAt);
  return Number.isNaN(start) || Number.isNaN(end) ? undefined : Math.max(0, end - start);
}

