import { elapsed, humanDuration } from '../../../shared/format/index.js';
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
 * The row of one node: runs (roots) are labelled with the run's name, actions below with their action name.
 * Runs start collapsed (a namespace may hold thousands); actions with children start expanded so a run opens
 * with one click.
 */
export function taskActionItemView(node: TaskActionNode, runActive: boolean, now: number): TaskActionItemView {
  const action = node.action;
  const phase = displayPhase(action);
  const isRoot = node.parent === undefined;
  const label = isRoot ? action.spec.runName : action.spec.actionName;
  const description = phaseDescription(action, phase, now);
  return {
    id: node.uid,
    label,
    description,
    phase,
    icon: phaseThemeIcon(phase),
    contextValue: taskActionContextValue(action, phase, { isRoot, runActive }),
    collapsible: node.children.length === 0 ? 'none' : isRoot ? 'collapsed' : 'expanded',
    accessibilityLabel: `${isRoot ? `run ${label}, action ${action.spec.actionName}` : `action ${label}`}, ${description.replace(' · ', ', ')}`,
  };
}
