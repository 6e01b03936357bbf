import { type DisplayPhase, isFinished, type TaskAction } from '../../../shared/task-action/index.js';

/** Phase history entries (ours and Flyte's plugin phases) that mean a Pod was created for an attempt. */
const STARTED_PHASES = new Set(['Initializing', 'Executing', 'Completed', 'RetryableFailure', 'PermanentFailure', 'PhaseInitializing', 'PhaseRunning']);

/** Whether an attempt of the action got as far as creating a Pod, so there may be logs to show. */
export function mayHavePods(action: TaskAction): boolean {
  return (action.status?.phaseHistory ?? []).some((entry) => STARTED_PHASES.has(entry.phase));
}

/** Still doing something that aborting would stop. */
export function isAbortable(phase: DisplayPhase): boolean {
  return !isFinished(phase) && phase !== 'Deleting';
}

export interface ContextFacts {
  /** The row is a run's root. */
  isRoot: boolean;
  /** Some action of the row's run has not finished (only a root offers to abort its run). */
  runActive: boolean;
}

/**
 * The tree item's `contextValue`: `taskaction.<phase>` followed by the capabilities the menus test with regular
 * expressions (`viewItem =~ /\.abortable(\.|$)/`): `.run` on a run's root, `.abortable` while this action has not
 * finished and is not being deleted, `.run-abortable` on a root while anything in its run has not, `.logs` once a Pod was
 * created for it.
 */
export function taskActionContextValue(action: TaskAction, phase: DisplayPhase, facts: ContextFacts): string {
  const parts = ['taskaction', phase.toLowerCase()];
  if (facts.isRoot) parts.push('run');
  if (isAbortable(phase)) parts.push('abortable');
  if (facts.isRoot && facts.runActive) parts.push('run-abortable');
  if (mayHavePods(action)) parts.push('logs');
  return parts.join('.');
}
