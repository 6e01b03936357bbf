import { describe, expect, it } from 'vitest';
import { TaskActionForest } from '../../../../extension/src/task-actions/task-action-forest.js';
import { taskActionItemView } from '../../../../extension/src/task-actions/task-action-item-view.js';
import { type TaskActionNode } from '../../../../extension/src/task-actions/task-action-node.js';
import { type Phase, at, taskAction } from './task-action-fixtures.js';

const NOW = Date.parse(at(60));

function nodes(rootPhase: Phase, childPhase: Phase) {
  const a0 = taskAction('a0', { phase: rootPhase });
  const train = taskAction('train', { parent: a0, phase: childPhase });
  const forest = new TaskActionForest();
  forest.update([a0, train]);
  const root = forest.roots[0] as TaskActionNode;
  return { forest, root, child: root.children[0] as TaskActionNode };
}

describe('taskActionItemView', () => {
  it('labels a run by its name and an action by its own, keyed by uid', () => {
    const { forest, root, child } = nodes('running', 'running');
    const run = taskActionItemView(root, forest.isRunActive(root), NOW);
    expect(run).toMatchObject({ id: 'uid-nightly-a0', label: 'nightly', collapsible: 'collapsed' });
    expect(run.accessibilityLabel).toBe('run nightly, action a0, Running, 59s');
    const action = taskActionItemView(child, false, NOW);
    expect(action).toMatchObject({ id: 'uid-nightly-train', label: 'train', collapsible: 'none' });
  });

  it.each([
    ['pending', 'Pending', 'circle-large-outline', undefined, 'taskaction.pending.abortable'],
    ['queued', 'Queued', 'clock', 'testing.iconQueued', 'taskaction.queued.abortable'],
    ['running', 'Running · 59s', 'sync~spin', undefined, 'taskaction.running.abortable.logs'],
    ['retrying', 'Retrying · 59s', 'debug-restart', 'testing.iconErrored', 'taskaction.retrying.abortable.logs'],
    ['paused', 'Paused · 59s', 'debug-pause', 'testing.iconQueued', 'taskaction.paused.abortable'],
    ['succeeded', 'Succeeded · 41s', 'pass', 'testing.iconPassed', 'taskaction.succeeded.logs'],
    ['failed', 'Failed · 29s', 'error', 'testing.iconFailed', 'taskaction.failed.logs'],
    ['aborted', 'Aborted · 10s', 'circle-slash', 'testing.iconSkipped', 'taskaction.aborted'],
  ] as const)('shows a %s action as "%s" with the %s icon', (phase, description, icon, color, contextValue) => {
    const { child } = nodes('running', phase);
    const view = taskActionItemView(child, true, NOW);
    expect(view.description).toBe(description);
    expect(view.icon).toEqual(color === undefined ? { id: icon } : { id: icon, color });
    expect(view.contextValue).toBe(contextValue);
  });

  it('shows a run row with the status and progress of all its actions, not its root\'s own phase', () => {
    const { forest, root } = nodes('succeeded', 'failed');
    const view = taskActionItemView(root, forest.isRunActive(root), NOW, forest.runStatusOf(root));
    expect(view.description).toBe('Failed · 1/2 · 1 failed · 41s');
    expect(view.icon).toEqual({ id: 'error', color: 'testing.iconFailed' });
    expect(view.accessibilityLabel).toBe('run nightly, action a0, Failed, 1/2, 1 failed, 41s');
    // The menu still follows the root action itself.
    expect(view.contextValue).toBe('taskaction.succeeded.run.logs');
    const waiting = nodes('pending', 'pending');
    expect(taskActionItemView(waiting.root, true, NOW, waiting.forest.runStatusOf(waiting.root)).description).toBe('Pending · 0/2');
  });

  it('marks a run abortable while any of its actions works, even when the root itself has finished', () => {
    const { forest, root } = nodes('succeeded', 'running');
    expect(taskActionItemView(root, forest.isRunActive(root), NOW).contextValue).toBe('taskaction.succeeded.run.run-abortable.logs');
    const done = nodes('succeeded', 'succeeded');
    expect(taskActionItemView(done.root, done.forest.isRunActive(done.root), NOW).contextValue).toBe('taskaction.succeeded.run.logs');
  });

  it('shows a deletion in progress as Deleting, which is not abortable', () => {
    const { child } = nodes('running', 'running');
    child.action = { ...child.action, metadata: { ...child.action.metadata, deletionTimestamp: at(50) } };
    const view = taskActionItemView(child, true, NOW);
    expect(view.description).toBe('Deleting · 59s');
    expect(view.icon.id).toBe('trash');
    expect(view.contextValue).toBe('taskaction.deleting.logs');
  });

  it('opens nested actions with children, and lets roots start collapsed', () => {
    const a0 = taskAction('a0', { phase: 'running' });
    const train = taskAction('train', { parent: a0 });
    const publish = taskAction('publish', { parent: train });
    const forest = new TaskActionForest();
    forest.update([a0, train, publish]);
    const root = forest.roots[0] as TaskActionNode;
    expect(taskActionItemView(root, true, NOW).collapsible).toBe('collapsed');
    expect(taskActionItemView(root.children[0] as TaskActionNode, true, NOW).collapsible).toBe('expanded');
  });
});
