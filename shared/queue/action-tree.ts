import { type TaskAction } from '../task-action/index.js';

export interface ActionTreeNode {
  action: TaskAction;
  children: ActionTreeNode[];
}

/**
 * Siblings by action name, as kubectl-tree orders children by name. Creation time is no use here: it has
 * one-second resolution and siblings are created concurrently, so it would order them differently each run.
 * Roots (different runs, or orphans) by creation time first, newest last.
 */
function byName(a: TaskAction, b: TaskAction): number {
  return (a.spec.actionName ?? '').localeCompare(b.spec.actionName ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

function byCreationThenName(a: TaskAction, b: TaskAction): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return byName(a, b);
}

/**
 * Arranges TaskActions by ownerReference: one pass to index children by owner uid, then the trees below the
 * roots. A root is an action whose owner is not in the list (a run's root, or an orphan whose parent is gone).
 * The same objects always render in the same order.
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
  const build = (action: TaskAction, depth: number): ActionTreeNode => ({
    action,
    // Owner cycles cannot be created through the API, but a depth cap keeps a corrupted list from hanging us.
    children: depth > 1000 ? [] : (childrenOf.get(action.metadata.uid ?? '') ?? []).sort(byName).map((c) => build(c, depth + 1)),
  });
  return roots.sort(byCreationThenName).map((root) => build(root, 0));
}

/** Every node of the trees, depth first, with its depth. */
export function* walkActionTrees(trees: readonly ActionTreeNode[], depth = 0): Generator<{ node: ActionTreeNode; depth: number }> {
  for (const node of trees) {
    yield { node, depth };
    yield* walkActionTrees(node.children, depth + 1);
  }
}
