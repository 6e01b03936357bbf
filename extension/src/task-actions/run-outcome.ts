import { elapsed, humanDuration } from '../../../shared/format/index.js';
import { actionTimes, CONDITION_FAILED, displayPhase, executionLedger, findCondition, isFinished, type TaskAction } from '../../../shared/task-action/index.js';

/** A run someone started from this window, by what identifies it in a namespace. */
export interface RunRef {
  namespace: string;
  org?: string;
  project: string;
  domain: string;
  runName: string;
}

export type RunOutcome =
  | { state: 'running' }
  | { state: 'gone' }
  | { state: 'succeeded'; actions: number; durationMs?: number }
  | { state: 'failed'; actions: number; failures: { actionName: string; phase: string; message: string }[] };

export function runKey(run: RunRef): string {
  return [run.namespace, run.org ?? '', run.project, run.domain, run.runName].join('/');
}

export function belongsTo(action: TaskAction, run: RunRef): boolean {
  const spec = action.spec;
  return (
    spec.runName === run.runName &&
    spec.project === run.project &&
    spec.domain === run.domain &&
    (run.org === undefined || spec.org === undefined || spec.org === run.org) &&
    (action.metadata.namespace ?? run.namespace) === run.namespace
  );
}

/**
 * How a run ended, from all its actions: finished when every action has; failed when any failed or was aborted
 * (aborting one action leaves the rest of the run going). A run whose actions are all gone was deleted.
 */
export function runOutcome(actions: readonly TaskAction[]): RunOutcome {
  if (actions.length === 0) return { state: 'gone' };
  const phases = actions.map((a) => displayPhase(a));
  if (!phases.every(isFinished)) return { state: 'running' };
  const failures = actions
    .map((action, i) => ({ action, phase: phases[i] ?? 'Failed' }))
    .filter(({ phase }) => phase !== 'Succeeded')
    .map(({ action, phase }) => ({
      actionName: action.spec.actionName,
      phase,
      // The ledger also finds the error where Flyte's S3 CRD pruned `status.errorState` (it is in stateJson then).
      message: executionLedger(action.status).errorState?.message ?? findCondition(action.status?.conditions, CONDITION_FAILED)?.message ?? '',
    }))
    .sort((a, b) => a.actionName.localeCompare(b.actionName));
  if (failures.length > 0) return { state: 'failed', actions: actions.length, failures };
  const starts = actions.map((a) => actionTimes(a).startedAt).filter((t): t is string => t !== undefined).sort();
  const ends = actions.map((a) => actionTimes(a).finishedAt).filter((t): t is string => t !== undefined).sort();
  const durationMs = elapsed(starts[0], ends.at(-1));
  return durationMs === undefined ? { state: 'succeeded', actions: actions.length } : { state: 'succeeded', actions: actions.length, durationMs };
}

/** The notification's text for a finished run. */
export function runOutcomeMessage(run: RunRef, outcome: RunOutcome): string {
  const plural = (n: number) => `${n} action${n === 1 ? '' : 's'}`;
  switch (outcome.state) {
    case 'succeeded':
      return `Run ${run.runName} succeeded: ${plural(outcome.actions)}${outcome.durationMs !== undefined ? ` in ${humanDuration(outcome.durationMs)}` : ''}.`;
    case 'failed': {
      const [first] = outcome.failures;
      const detail = first === undefined ? '' : `: ${first.actionName} ${first.phase.toLowerCase()}${first.message !== '' ? ` (${first.message})` : ''}`;
      const more = outcome.failures.length > 1 ? ` and ${outcome.failures.length - 1} more` : '';
      return `Run ${run.runName} failed${detail}${more}.`;
    }
    case 'gone':
      return `Run ${run.runName} was deleted.`;
    case 'running':
      return `Run ${run.runName} is running.`;
  }
}
