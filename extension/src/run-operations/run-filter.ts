import { type LabelSelector } from '../../../shared/kube/index.js';
import { type RunPhase, runStatus } from '../../../shared/runs/index.js';
import { type TaskAction } from '../../../shared/task-action/index.js';
import { type TaskActionNode } from '../task-actions/task-action-node.js';

/** Which runs the view shows: by the run's status (none chosen: all) and by a label selector on the run's root. */
export interface RunFilter {
  phases: readonly RunPhase[];
  selector?: LabelSelector;
}

export const RUN_PHASES: readonly RunPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Aborted'];

function actionsOf(root: TaskActionNode): TaskAction[] {
  return [root.action, ...root.children.flatMap(actionsOf)];
}

/** The run's status from all of its actions, as `kubectl kueue list` derives it. */
export function runPhaseOf(root: TaskActionNode): RunPhase {
  return runStatus(actionsOf(root)).phase;
}

export function isFiltering(filter: RunFilter): boolean {
  return filter.phases.length > 0 || (filter.selector !== undefined && filter.selector.text !== '');
}

export function passes(filter: RunFilter, root: TaskActionNode): boolean {
  if (filter.selector !== undefined && !filter.selector.matches(root.action.metadata.labels)) return false;
  return filter.phases.length === 0 || filter.phases.includes(runPhaseOf(root));
}

/**
 * The view's title: how many runs there are in each status (of all runs, filtered or not), e.g.
 * `TaskActions · 3 Running · 1 Failed`, plus what the filter keeps when one is set.
 */
export function filteredTitle(roots: readonly TaskActionNode[], filter: RunFilter): string {
  const counts = new Map<RunPhase, number>();
  for (const root of roots) {
    const phase = runPhaseOf(root);
    counts.set(phase, (counts.get(phase) ?? 0) + 1);
  }
  const parts = RUN_PHASES.filter((p) => (counts.get(p) ?? 0) > 0).map((p) => `${counts.get(p) ?? 0} ${p}`);
  const kept = [...(filter.phases.length > 0 ? [filter.phases.join('|')] : []), ...(filter.selector !== undefined && filter.selector.text !== '' ? [filter.selector.text] : [])];
  return ['TaskActions', ...parts].join(' · ') + (kept.length > 0 ? ` — showing ${kept.join(', ')}` : '');
}
