import { describe, expect, it } from 'vitest';
import { buildActionTrees, walkActionTrees } from '../../../shared/queue/action-tree.js';
import { type TaskAction } from '../../../shared/task-action/types.js';

function action(name: string, uid: string, created: string, ownerUid?: string): TaskAction {
  return {
    metadata: {
      name,
      uid,
      creationTimestamp: created,
      ...(ownerUid ? { ownerReferences: [{ apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: 'x', uid: ownerUid }] } : {}),
    },
    spec: { runName: 'r', project: 'p', domain: 'd', actionName: name },
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

  it('nests by owner uid and orders children by action name, roots by creation time', () => {
    const trees = buildActionTrees(actions);
    const rows = [...walkActionTrees(trees)].map(({ node, depth }) => `${'  '.repeat(depth)}${node.action.metadata.name}`);
    expect(rows).toEqual(['root', '  c1a', '  c1b', '  c2', '    grandchild', 'orphan']);
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
