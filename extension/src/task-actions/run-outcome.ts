import { humanDuration } from '../../../shared/format/index.js';
import { runDurationMs, runStatus } from '../../../shared/runs/index.js';
import { CONDITION_FAILED, displayPhase, executionLedger, findCondition, type TaskAction } from '../../../shared/task-action/index.js';

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
  | {
      state: 'failed';
      actions: number;
      aborted?: boolean;
      /** `1/3 · 1 failed · 1 aborted`: progress and counts, as the run's row shows them. */
      counts: string;
      failures: { actionName: string; phase: string; message: string }[];
    };

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
 * How a run ended, from the core's run status (the one `list`, `tree` and the run rows show): finished when every
 * action has; failed when any action failed or was skipped, aborted when one was stopped and none failed. A run
 * whose actions are all gone was deleted.
 */
export function runOutcome(actions: readonly TaskAction[]): RunOutcome {
  if (actions.length === 0) return { state: 'gone' };
  const status = runStatus(actions);
  if (!status.finished) return { state: 'running' };
  if (status.phase === 'Succeeded') {
    const durationMs = runDurationMs(status);
    return durationMs === undefined ? { state: 'succeeded', actions: actions.length } : { state: 'succeeded', actions: actions.length, durationMs };
  }
  const failures = actions
    .map((action) => ({ action, phase: displayPhase(action) }))
    .filter(({ phase }) => phase !== 'Succeeded')
    .map(({ action, phase }) => ({
      actionName: action.spec.actionName,
      phase,
      // The ledger also finds the error where Flyte's S3 CRD pruned `status.errorState` (it is in stateJson then).
      message: executionLedger(action.status).errorState?.message ?? findCondition(action.status?.conditions, CONDITION_FAILED)?.message ?? '',
    }))
    .sort((a, b) => a.actionName.localeCompare(b.actionName));
  const counts = [status.progress, ...(status.failed > 0 ? [`${status.failed} failed`] : []), ...(status.aborted > 0 ? [`${status.aborted} aborted`] : [])].join(' · ');
  return { state: 'failed', actions: actions.length, ...(status.phase === 'Aborted' ? { aborted: true } : {}), counts, failures };
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
      return `Run ${run.runName} ${outcome.aborted === true ? 'was aborted' : 'failed'} (${outcome.counts})${detail}${more}.`;
    }
    case 'gone':
      return `Run ${run.runName} was deleted.`;
    case 'running':
      return `Run ${run.runName} is running.`;
  }
}
