import { describe, expect, it } from 'vitest';
import { TaskActionForest } from '../../../../extension/src/task-actions/task-action-forest.js';
import { type TaskActionNode } from '../../../../extension/src/task-actions/task-action-node.js';
import { type TaskAction } from '../../../../shared/task-action/types.js';
import { taskAction, withPhase } from './task-action-fixtures.js';

function outline(forest: TaskActionForest): string[] {
  const rows: string[] = [];
  const visit = (node: TaskActionNode, depth: number) => {
    rows.push(`${'  '.repeat(depth)}${node.action.spec.runName}/${node.action.spec.actionName}`);
    for (const child of node.children) visit(child, depth + 1);
  };
  for (const root of forest.roots) visit(root, 0);
  return rows;
}

const names = (nodes: readonly TaskActionNode[]) => nodes.map((n) => n.action.spec.actionName).sort();

describe('TaskActionForest', () => {
  const a0 = taskAction('a0', { phase: 'running' });
  const train = taskAction('train', { parent: a0, phase: 'running' });
  const fetch = taskAction('fetch', { parent: a0, phase: 'succeeded' });
  const publish = taskAction('publish', { parent: train });
  const other = taskAction('a0', { run: 'adhoc', created: 5 });

  it('nests runs as roots and actions by ownerReference, in the order of kubectl kueue tree', () => {
    const forest = new TaskActionForest();
    const change = forest.update([publish, other, train, fetch, a0]);
    expect(change.roots).toBe(true);
    // The newer run first, as kubectl kueue list and tree show runs.
    expect(outline(forest)).toEqual(['adhoc/a0', 'nightly/a0', '  nightly/fetch', '  nightly/train', '    nightly/publish']);
    expect(forest.size).toBe(5);
    expect([...forest.all()].map((n) => n.action.spec.actionName)).toEqual(['a0', 'a0', 'fetch', 'train', 'publish']);
    const publishNode = forest.get(publish.metadata.uid ?? '');
    expect(publishNode?.parent?.action.spec.actionName).toBe('train');
    expect(publishNode?.parent?.parent?.parent).toBeUndefined();
  });

  it('never shows a row twice while an abort cascades: children whose parent is gone are left out', () => {
    const forest = new TaskActionForest();
    forest.update([a0, train, fetch, publish, other]);
    // The root is deleted first; until the garbage collector reaches them its children own nothing in the list.
    const change = forest.update([train, fetch, publish, other]);
    expect(change.roots).toBe(true);
    expect(outline(forest)).toEqual(['adhoc/a0']);
    expect(forest.size).toBe(1);
  });

  it('keeps the node objects of unchanged TaskActions and reports nothing when nothing changed', () => {
    const forest = new TaskActionForest();
    forest.update([a0, train, fetch, publish]);
    const before = [...forest.all()];
    const change = forest.update([a0, train, fetch, publish]);
    expect(change).toEqual({ roots: false, nodes: [] });
    expect([...forest.all()]).toEqual(before);
    expect([...forest.all()].every((node, i) => node === before[i])).toBe(true);
  });

  it('reports only the row whose status changed, on the same node object, and its run row', () => {
    const forest = new TaskActionForest();
    forest.update([a0, train, fetch, publish]);
    const node = forest.get(train.metadata.uid ?? '');
    const change = forest.update([a0, withPhase(train, 'succeeded', '2'), fetch, publish]);
    expect(change.roots).toBe(false);
    // The run row counts the success (2/4 instead of 1/4).
    expect(change.nodes).toEqual([node, forest.roots[0]]);
    expect(node?.action.metadata.resourceVersion).toBe('2');
  });

  it('gives each run row the status of all its actions, and repaints it only when that changes', () => {
    const forest = new TaskActionForest();
    const root = withPhase(a0, 'succeeded', '5');
    forest.update([root, withPhase(train, 'failed', '6'), fetch, publish]);
    const rootNode = forest.roots[0] as TaskActionNode;
    expect(forest.runStatusOf(rootNode)).toMatchObject({ phase: 'Running', progress: '2/4', failed: 1 });
    // A new resource version that changes nothing the run row shows repaints the child alone.
    const same = forest.update([root, withPhase(train, 'failed', '7'), fetch, publish]);
    expect(names(same.nodes)).toEqual(['train']);
    const done = forest.update([root, withPhase(train, 'failed', '7'), fetch, withPhase(publish, 'succeeded', '8')]);
    expect(names(done.nodes)).toEqual(['a0', 'publish']);
    expect(forest.runStatusOf(rootNode)).toMatchObject({ phase: 'Failed', progress: '3/4', finished: true });
  });

  it('reports the parent when a child appears or disappears, and forgets deleted nodes', () => {
    const forest = new TaskActionForest();
    forest.update([a0, train, fetch]);
    const added = forest.update([a0, train, fetch, publish]);
    // The run row counts one more action.
    expect(names(added.nodes)).toEqual(['a0', 'train']);
    const removed = forest.update([a0, fetch, train]);
    expect(names(removed.nodes)).toEqual(['a0', 'train']);
    expect(forest.get(publish.metadata.uid ?? '')).toBeUndefined();
    expect(forest.size).toBe(3);
  });

  it('asks for a full repaint when runs come or go', () => {
    const forest = new TaskActionForest();
    forest.update([a0, train]);
    expect(forest.update([a0, train, other]).roots).toBe(true);
    expect(forest.update([other]).roots).toBe(true);
    expect(outline(forest)).toEqual(['adhoc/a0']);
    expect(forest.size).toBe(1);
  });

  it('knows which runs still have work, and repaints a root when its run finishes', () => {
    const forest = new TaskActionForest();
    const root = withPhase(a0, 'succeeded', '5');
    forest.update([root, train, fetch]);
    const rootNode = forest.roots[0] as TaskActionNode;
    expect(forest.isRunActive(rootNode)).toBe(true);
    const change = forest.update([root, withPhase(train, 'succeeded', '6'), fetch]);
    expect(forest.isRunActive(rootNode)).toBe(false);
    expect(names(change.nodes)).toEqual(['a0', 'train']);
  });

  it('stays the same size through many status updates of the same actions', () => {
    const forest = new TaskActionForest();
    const actions: TaskAction[] = [a0];
    for (let i = 0; i < 200; i++) actions.push(taskAction(`c${i}`, { parent: a0, phase: 'running' }));
    forest.update(actions);
    for (let round = 0; round < 50; round++) {
      const index = 1 + (round % 200);
      actions[index] = withPhase(actions[index] as TaskAction, round % 2 === 0 ? 'succeeded' : 'running', String(100 + round));
      const change = forest.update(actions);
      // The action's row, and its run's when its progress moved (a success, not a new version of a running one).
      expect(change.nodes).toHaveLength(round % 2 === 0 ? 2 : 1);
    }
    expect(forest.size).toBe(201);
  });
});
