import { elapsed, humanDuration } from '../../../shared/format/index.js';
import { type RunStatus, runDurationMs, type RunWaitingReason } from '../../../shared/runs/index.js';
import { actionTimes, type DisplayPhase, displayPhase, stepProgressMessage, stepProgressOf, type TaskAction, waitingReason } from '../../../shared/task-action/index.js';
import { type PhaseThemeIcon, phaseThemeIcon } from './phase-theme-icon.js';
import { taskActionContextValue } from './task-action-context-value.js';
import { type TaskActionNode } from './task-action-node.js';

export type Collapsible = 'none' | 'collapsed' | 'expanded';

/** Everything a tree row shows, as plain values: the VS Code adapter only wraps them in its classes. */
export interface TaskActionItemView {
  /** The TaskAction's uid: stable, so expansion and selection survive refreshes. */
  id: string;
  label: string;
  description: string;
  phase: DisplayPhase;
  icon: PhaseThemeIcon;
  contextValue: string;
  collapsible: Collapsible;
  /** What screen readers announce for the row. */
  accessibilityLabel: string;
}

/** `Running · 42s`, `Succeeded · 3m20s`, `Pending`: how long it ran, or has been running. */
export function phaseDescription(action: TaskAction, phase: DisplayPhase, now: number): string {
  if (phase === 'Pending' || phase === 'Queued') return phase;
  const times = actionTimes(action);
  const ran = elapsed(times.startedAt, times.finishedAt, now);
  return ran === undefined ? phase : `${phase} · ${humanDuration(ran)}`;
}

/**
 * What an action row says after its phase: a sequential Pod's running step (`step 2/3 running: train`), or why it
 * waits (`waiting: image pull`, `waiting for fetch`, `retrying after OOMKilled`). Both come from the status the watch
 * delivers, so a repaint reads no Pod.
 */
export function actionStateDetail(action: TaskAction): string | undefined {
  const step = stepProgressOf(action);
  if (step !== undefined) return stepProgressMessage(step);
  const waiting = waitingReason(action);
  // A bare `retrying` repeats the phase; only the error it retries after adds something.
  return waiting?.summary === 'retrying' ? undefined : waiting?.summary;
}

/**
 * `Failed · 7/10 · 1 failed · 2m13s`, `Running · 2/10 · waiting: image pull (fetch) · 40s`, `Pending · 0/4`: a run
 * row's status and progress, what went wrong (failed and aborted actions), why it waits while it does, and how long
 * the run took or has taken.
 */
export function runDescription(run: RunStatus, now: number, waiting?: RunWaitingReason): string {
  const duration = runDurationMs(run, new Date(now));
  return [
    run.phase,
    run.progress,
    ...(run.failed > 0 ? [`${run.failed} failed`] : []),
    ...(run.aborted > 0 ? [`${run.aborted} aborted`] : []),
    ...(waiting === undefined || run.finished ? [] : [waiting.summary]),
    ...(duration === undefined ? [] : [humanDuration(duration)]),
  ].join(' · ');
}

/**
 * The row of one node: runs (roots) are labelled with the run's name, actions below with their action name.
 * A run row shows the run's status from all of its actions (`run`), so a failed child is not hidden behind a
 * root that succeeded; its menu still follows the root action's own phase. Runs start collapsed (a namespace
 * may hold thousands); actions with children start expanded so a run opens with one click.
 */
export function taskActionItemView(node: TaskActionNode, runActive: boolean, now: number, run?: RunStatus, runWaiting?: RunWaitingReason): TaskActionItemView {
  const action = node.action;
  const phase = displayPhase(action);
  const isRoot = node.parent === undefined;
  const label = isRoot ? action.spec.runName : action.spec.actionName;
  const runRow = isRoot && run !== undefined;
  const detail = runRow ? undefined : actionStateDetail(action);
  const description = runRow ? runDescription(run, now, runWaiting) : [phaseDescription(action, phase, now), ...(detail !== undefined ? [detail] : [])].join(' · ');
  return {
    id: node.uid,
    label,
    description,
    phase,
    icon: phaseThemeIcon(runRow ? run.phase : phase),
    contextValue: taskActionContextValue(action, phase, { isRoot, runActive }),
    collapsible: node.children.length === 0 ? 'none' : isRoot ? 'collapsed' : 'expanded',
    accessibilityLabel: `${isRoot ? `run ${label}, action ${action.spec.actionName}` : `action ${label}`}, ${description.replaceAll(' · ', ', ')}`,
  };
}
