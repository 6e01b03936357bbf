import { describe, expect, it } from 'vitest';
import { buildActionTrees, walkActionTrees } from '../../../shared/queue/action-tree.js';
import { type TaskAction } from '../../../shared/task-action/types.js';

function action(name: string, uid: string, created: string, ownerUid?: string, after?: string, run = 'r'): TaskAction {
  return {
    metadata: {
      name,
      uid,
      creationTimestamp: created,
      ...(after !== undefined ? { annotations: { 'kueue.dev/after': after } } : {}),
      ...(ownerUid ? { ownerReferences: [{ apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: 'x', uid: ownerUid }] } : {}),
    },
    spec: { runName: run, project: 'p', domain: 'd', actionName: name },
  };
}

describe('buildActionTrees', () => {
  const t = (s: number) => `2026-01-01T00:00:0${s}Z`;
  const actions = [
    action('grandchild', 'g', t(3), 'c2'),
    action('c2', 'c2', t(2), 'root'),
    action('c1b', 'c1b', t(1), 'root'),
    action('c1a', 'c1a', t(1), 'root'),
    action('root', 'root', t(0)),
    action('orphan', 'o', t(5), 'gone'),
  ];

  const rowsOf = (list: TaskAction[]) => [...walkActionTrees(buildActionTrees(list))].map(({ node, depth }) => `${'  '.repeat(depth)}${node.action.metadata.name}`);

  it('nests by owner uid, children in creation order (name breaking ties), roots newest first', () => {
    expect(rowsOf(actions)).toEqual(['orphan', 'root', '  c1a', '  c1b', '  c2', '    grandchild']);
  });

  it('orders runs newest first, the run name breaking ties', () => {
    const runs = [action('a0', 'old', t(1), undefined, undefined, 'old'), action('a0', 'y', t(5), undefined, undefined, 'y-run'), action('a0', 'x', t(5), undefined, undefined, 'x-run')];
    expect(buildActionTrees(runs).map((n) => n.action.spec.runName)).toEqual(['x-run', 'y-run', 'old']);
  });

  it('puts an action after the siblings it waits for, not by name', () => {
    const run = [
      action('root', 'root', t(0)),
      action('a-publish', 'p', t(1), 'root', 'z-train'),
      action('z-train', 'tr', t(1), 'root', 'm-fetch'),
      action('m-fetch', 'f', t(1), 'root'),
      action('b-lint', 'l', t(2), 'root'),
    ];
    expect(rowsOf(run)).toEqual(['root', '  m-fetch', '  z-train', '  a-publish', '  b-lint']);
  });

  it('places a sibling after one whose subtree holds what it waits for', () => {
    const run = [
      action('root', 'root', t(0)),
      action('report', 'rep', t(1), 'root', 'deep'),
      action('stage', 'st', t(2), 'root'),
      action('deep', 'd', t(3), 'st'),
    ];
    expect(rowsOf(run)).toEqual(['root', '  stage', '    deep', '  report']);
  });

  it('shows every sibling once when waits go round in a circle, in creation order from the first left', () => {
    const run = [action('root', 'root', t(0)), action('b', 'b', t(1), 'root', 'a'), action('a', 'a', t(2), 'root', 'b'), action('c', 'c', t(3), 'root')];
    expect(rowsOf(run)).toEqual(['root', '  c', '  b', '  a']);
  });

  it('ignores after names that are no sibling or below one', () => {
    const run = [action('root', 'root', t(0)), action('late', 'l', t(2), 'root'), action('early', 'e', t(1), 'root', 'root,missing')];
    expect(rowsOf(run)).toEqual(['root', '  early', '  late']);
  });

  it('is deterministic whatever the input order', () => {
    const shuffled = [...actions].reverse();
    const names = (list: TaskAction[]) => [...walkActionTrees(buildActionTrees(list))].map(({ node }) => node.action.metadata.name);
    expect(names(shuffled)).toEqual(names(actions));
  });

  it('treats an action whose owner is not listed as a root', () => {
    const trees = buildActionTrees([action('child', 'c', t(1), 'missing')]);
    expect(trees.map((n) => n.action.metadata.name)).toEqual(['child']);
  });

  it('indexes 5,000 actions in one pass', () => {
    const many: TaskAction[] = [action('root', 'root', t(0))];
    for (let i = 0; i < 4999; i++) many.push(action(`a${i}`, `u${i}`, t(1), i < 50 ? 'root' : `u${i % 50}`));
    const trees = buildActionTrees(many);
    expect(trees).toHaveLength(1);
    expect(trees[0]?.children).toHaveLength(50);
    expect([...walkActionTrees(trees)]).toHaveLength(5000);
  });
});
