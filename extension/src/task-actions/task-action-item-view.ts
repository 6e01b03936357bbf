import { elapsed, humanDuration } from '../../../shared/format/index.js';
import { type RunStatus, runDurationMs } from '../../../shared/runs/index.js';
import { actionTimes, type DisplayPhase, displayPhase, type TaskAction } from '../../../shared/task-action/index.js';
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
 * `Failed · 7/10 · 1 failed · 2m13s`, `Pending · 0/4`: a run row's status and progress, what went wrong (failed
 * and aborted actions), and how long the run took or has taken.
 */
export function runDescription(run: RunStatus, now: number): string {
  const duration = runDurationMs(run, new Date(now));
  return [
    run.phase,
    run.progress,
    ...(run.failed > 0 ? [`${run.failed} failed`] : []),
    ...(run.aborted > 0 ? [`${run.aborted} aborted`] : []),
    ...(duration === undefined ? [] : [humanDuration(duration)]),
  ].join(' · ');
}

/**
 * The row of one node: runs (roots) are labelled with the run's name, actions below with their action name.
 * A run row shows the run's status from all of its actions (`run`), so a failed child is not hidden behind a
 * root that succeeded; its menu still follows the root action's own phase. Runs start collapsed (a namespace
 * may hold thousands); actions with children start expanded so a run opens with one click.
 */
export function taskActionItemView(node: TaskActionNode, runActive: boolean, now: number, run?: RunStatus): TaskActionItemView {
  const action = node.action;
  const phase = displayPhase(action);
  const isRoot = node.parent === undefined;
  const label = isRoot ? action.spec.runName : action.spec.actionName;
  const runRow = isRoot && run !== undefined;
  const description = runRow ? runDescription(run, now) : phaseDescription(action, phase, now);
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
