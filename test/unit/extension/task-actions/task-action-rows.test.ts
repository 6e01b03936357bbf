import { describe, expect, it } from 'vitest';
import { TaskActionForest } from '../../../../extension/src/task-actions/task-action-forest.js';
import { taskActionItemView } from '../../../../extension/src/task-actions/task-action-item-view.js';
import { type TaskActionNode } from '../../../../extension/src/task-actions/task-action-node.js';
import { taskActionTooltip } from '../../../../extension/src/task-actions/task-action-tooltip.js';
import { ANNOTATION_AFTER } from '../../../../shared/task-action/ordering-annotations.js';
import { type TaskAction } from '../../../../shared/task-action/types.js';
import { at, taskAction } from './task-action-fixtures.js';

const NOW = Date.parse(at(60));

/** The action with the Progressing condition the executor writes for one state of it. */
function progressing(action: TaskAction, reason: string, message: string, rv = '2'): TaskAction {
  return {
    ...action,
    metadata: { ...action.metadata, resourceVersion: rv },
    status: {
      conditions: [{ type: 'Progressing', status: 'True', reason, message, lastTransitionTime: at(3) }],
      phaseHistory: [{ phase: reason, occurredAt: at(3), message }],
    },
  };
}

function after(action: TaskAction, ...names: string[]): TaskAction {
  return { ...action, metadata: { ...action.metadata, annotations: { ...action.metadata.annotations, [ANNOTATION_AFTER]: names.join(',') } } };
}

const rowOf = (forest: TaskActionForest, node: TaskActionNode) =>
  taskActionItemView(node, true, NOW, node.parent === undefined ? forest.runStatusOf(node) : undefined, node.parent === undefined ? forest.runWaitingOf(node) : undefined);

describe('TaskAction rows: order, waiting reasons, step progress', () => {
  it('shows runs newest first and children after what they wait for, else in creation order', () => {
    const old = taskAction('a0', { run: 'old', created: 0 });
    const a0 = taskAction('a0', { run: 'new', created: 10 });
    const zfetch = taskAction('z-fetch', { run: 'new', parent: a0, created: 11 });
    const publish = after(taskAction('a-publish', { run: 'new', parent: a0, created: 11 }), 'm-train');
    const train = after(taskAction('m-train', { run: 'new', parent: a0, created: 11 }), 'z-fetch');
    const lint = taskAction('b-lint', { run: 'new', parent: a0, created: 12 });
    const forest = new TaskActionForest();
    forest.update([old, lint, publish, train, zfetch, a0]);
    expect(forest.roots.map((n) => n.action.spec.runName)).toEqual(['new', 'old']);
    expect(forest.roots[0]?.children.map((n) => n.action.spec.actionName)).toEqual(['z-fetch', 'm-train', 'a-publish', 'b-lint']);
  });

  it('names why an action waits in its row, and the run\'s most urgent reason with the action in the run row', () => {
    const a0 = progressing(taskAction('a0'), 'Executing', '');
    const fetch = progressing(taskAction('fetch', { parent: a0 }), 'Initializing', '[ImagePullBackOff] container "fetch": Back-off pulling image "registry.invalid/nope:1"');
    const train = progressing(after(taskAction('train', { parent: a0 }), 'fetch'), 'Queued', 'waiting for fetch');
    const forest = new TaskActionForest();
    forest.update([a0, fetch, train]);
    const root = forest.roots[0] as TaskActionNode;
    const [fetchNode, trainNode] = root.children as [TaskActionNode, TaskActionNode];
    expect(rowOf(forest, fetchNode).description).toBe('Initializing · 57s · waiting: image pull');
    expect(rowOf(forest, trainNode).description).toBe('Queued · waiting for fetch');
    expect(rowOf(forest, root).description).toBe('Running · 0/3 · waiting: image pull (fetch) · 57s');
    expect(rowOf(forest, root).accessibilityLabel).toContain('waiting: image pull (fetch)');
  });

  it('repaints the run row when its waiting reason changes, though its counts stay the same', () => {
    const a0 = progressing(taskAction('a0'), 'Queued', 'Unschedulable: 0/1 nodes are available');
    const forest = new TaskActionForest();
    forest.update([a0]);
    const root = forest.roots[0] as TaskActionNode;
    expect(rowOf(forest, root).description).toBe('Pending · 0/1 · waiting: unschedulable (a0)');
    const capped = progressing(a0, 'Queued', 'waiting for a Pod slot: the executor already runs its maximum of 4 Pods in namespace flyte', '3');
    const change = forest.update([capped]);
    expect(change.nodes).toContain(root);
    expect(rowOf(forest, root).description).toBe('Pending · 0/1 · waiting: Pod slot (a0)');
  });

  it('shows the running step of a sequential Pod in the action row and its hover', () => {
    const a0 = progressing(taskAction('a0'), 'Executing', 'step 2/3 running: train');
    const forest = new TaskActionForest();
    forest.update([a0]);
    const root = forest.roots[0] as TaskActionNode;
    const child = { ...root, parent: root, children: [] };
    expect(rowOf(forest, child).description).toBe('Running · 57s · step 2/3 running: train');
    expect(taskActionTooltip(a0, { now: NOW, timeZone: 'UTC' })).toContain('**Step** step 2/3 running: train');
  });

  it('explains a waiting action in its hover with what the executor said', () => {
    const queued = progressing(taskAction('train'), 'Queued', 'waiting for fetch, lint');
    expect(taskActionTooltip(queued, { now: NOW, timeZone: 'UTC' })).toContain('**waiting for fetch, lint**\n');
    const pulling = progressing(taskAction('fetch'), 'Initializing', '[ErrImagePull] container "fetch": manifest unknown');
    expect(taskActionTooltip(pulling, { now: NOW, timeZone: 'UTC' })).toContain('**waiting: image pull**: \\[ErrImagePull\\] container "fetch": manifest unknown');
  });
});
