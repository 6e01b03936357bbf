import { type TaskAction } from '../task-action/index.js';
import { byNewestRunFirst, orderSiblings } from './sibling-order.js';

export interface ActionTreeNode {
  action: TaskAction;
  children: ActionTreeNode[];
}

interface BuiltNode {
  node: ActionTreeNode;
  /** Action names of the node's subtree, for ordering it among its siblings. */
  names: Set<string>;
}

/**
 * Arranges TaskActions by ownerReference: one pass to index children by owner uid, then the trees below the
 * roots. A root is an action whose owner is not in the list (a run's root, or an orphan whose parent is gone).
 * Roots come newest first (`byNewestRunFirst`); the children of an action in the order they run: after what they
 * wait for (`kueue.dev/after`), else in creation order (`orderSiblings`). The same objects always render in the
 * same order, in the CLI and in the editor alike.
 */
export function buildActionTrees(actions: readonly TaskAction[]): ActionTreeNode[] {
  const uids = new Set(actions.map((a) => a.metadata.uid ?? ''));
  const childrenOf = new Map<string, TaskAction[]>();
  const roots: TaskAction[] = [];
  for (const action of actions) {
    const owner = action.metadata.ownerReferences?.find((o) => o.kind === 'TaskAction' && uids.has(o.uid));
    if (owner) {
      const list = childrenOf.get(owner.uid);
      if (list) list.push(action);
      else childrenOf.set(owner.uid, [action]);
    } else {
      roots.push(action);
    }
  }
  const build = (action: TaskAction, depth: number): BuiltNode => {
    // Owner cycles cannot be created through the API, but a depth cap keeps a corrupted list from hanging us.
    const children = depth > 1000 ? [] : (childrenOf.get(action.metadata.uid ?? '') ?? []).map((c) => build(c, depth + 1));
    const names = new Set([action.spec.actionName]);
    for (const child of children) for (const name of child.names) names.add(name);
    const ordered = orderSiblings(children.map((child) => ({ item: child.node, action: child.node.action, subtreeNames: child.names })));
    return { node: { action, children: ordered }, names };
  };
  return roots.sort(byNewestRunFirst).map((root) => build(root, 0).node);
}

/** Every node of the trees, depth first, with its depth. */
export function* walkActionTrees(trees: readonly ActionTreeNode[], depth = 0): Generator<{ node: ActionTreeNode; depth: number }> {
  for (const node of trees) {
    yield { node, depth };
    yield* walkActionTrees(node.children, depth + 1);
  }
}
