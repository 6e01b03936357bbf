import { describe, expect, it } from 'vitest';
import { parseLabelSelector } from '../../../../shared/kube/label-selector.js';
import { type TaskAction } from '../../../../shared/task-action/types.js';
import { filteredTitle, isFiltering, passes, runPhaseOf } from '../../../../extension/src/run-operations/run-filter.js';
import { type TaskActionNode } from '../../../../extension/src/task-actions/task-action-node.js';
import { type Phase, taskAction } from '../task-actions/task-action-fixtures.js';

function run(name: string, rootPhase: Phase, childPhases: Phase[], labels: Record<string, string> = {}): TaskActionNode {
  const action: TaskAction = taskAction(`${name}-a0`, { phase: rootPhase });
  action.metadata.labels = { ...action.metadata.labels, ...labels };
  const root: TaskActionNode = { uid: `${name}-a0`, action, parent: undefined, children: [] };
  root.children = childPhases.map((phase, i) => ({ uid: `${name}-${i}`, action: taskAction(`${name}-c${i}`, { phase }), parent: root, children: [] }));
  return root;
}

describe('run filter', () => {
  const failed = run('mixed', 'succeeded', ['succeeded', 'failed'], { team: 'ml' });
  const busy = run('busy', 'running', ['pending'], { team: 'web' });
  const done = run('done', 'succeeded', ['succeeded']);

  it("judges a run by all of its actions, not its root's phase", () => {
    expect(runPhaseOf(failed)).toBe('Failed');
    expect(runPhaseOf(busy)).toBe('Running');
    expect(runPhaseOf(done)).toBe('Succeeded');
  });

  it('keeps runs of the chosen statuses whose root matches the label selector', () => {
    const none = { phases: [] };
    expect([failed, busy, done].filter((r) => passes(none, r))).toHaveLength(3);
    expect(isFiltering(none)).toBe(false);
    expect([failed, busy, done].filter((r) => passes({ phases: ['Failed', 'Running'] }, r))).toEqual([failed, busy]);
    const team = { phases: [], selector: parseLabelSelector('team=ml') };
    expect([failed, busy, done].filter((r) => passes(team, r))).toEqual([failed]);
    expect(isFiltering(team)).toBe(true);
    expect([failed, busy, done].filter((r) => passes({ phases: ['Running'], selector: parseLabelSelector('team=ml') }, r))).toEqual([]);
  });

  it('counts every run per status in the title, and says what the filter shows', () => {
    expect(filteredTitle([failed, busy, done], { phases: [] })).toBe('TaskActions · 1 Running · 1 Succeeded · 1 Failed');
    expect(filteredTitle([failed, busy, done], { phases: ['Failed'], selector: parseLabelSelector('team=ml') })).toBe(
      'TaskActions · 1 Running · 1 Succeeded · 1 Failed — showing Failed, team=ml',
    );
    expect(filteredTitle([], { phases: [] })).toBe('TaskActions');
  });
});
