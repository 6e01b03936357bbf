import { type InputLocation, UserError } from '../errors/index.js';
import { AFTER_FIELD, afterOf, ANNOTATION_CHILDREN_WAIT_FOR_PARENT, type ActionDescription, childrenWaitForParent } from '../task-action/index.js';

/** What the order check needs to know of an action: its name, parent and `after` list. */
export interface OrderNode {
  actionName: string;
  parentActionName?: string;
  after: readonly string[];
  /** Set on a root whose children wait for their parents (`kueue.dev/children-wait-for-parent`). */
  childrenWaitForParent?: boolean;
  source?: InputLocation;
}

export function orderNodeOf(action: Pick<ActionDescription, 'actionName' | 'parentActionName' | 'annotations' | 'source'>): OrderNode {
  const metadata = { annotations: action.annotations };
  return {
    actionName: action.actionName,
    ...(action.parentActionName !== undefined ? { parentActionName: action.parentActionName } : {}),
    after: afterOf(metadata),
    ...(childrenWaitForParent(metadata) ? { childrenWaitForParent: true } : {}),
    ...(action.source !== undefined ? { source: action.source } : {}),
  };
}

function where(node: OrderNode, runName: string): InputLocation {
  return { ...node.source, object: node.source?.object ?? `TaskAction/${runName}/${node.actionName}`, field: AFTER_FIELD };
}

/**
 * Checks the order of one run before anything is created: every `after` name is an action of the run (in the batch,
 * or among `existing` when they are known; undefined means the cluster was not asked, so names outside the batch
 * are taken on trust), and waiting never goes round in a circle, counting a parent as an implicit `after` when the
 * run's root asks its children to wait. The error names the action, where it was written, and the cycle's path.
 */
export function checkRunOrder(runName: string, batch: readonly OrderNode[], existing: readonly OrderNode[] | undefined): void {
  const nodes = new Map<string, OrderNode>();
  for (const node of existing ?? []) nodes.set(node.actionName, node);
  for (const node of batch) nodes.set(node.actionName, node);

  for (const node of batch) {
    for (const name of node.after) {
      if (name === node.actionName) {
        throw new UserError(`action "${name}" of run "${runName}" waits for itself: ${name} -> ${name}`, where(node, runName), `remove "${name}" from ${AFTER_FIELD}`);
      }
      if (nodes.has(name) || existing === undefined) continue;
      throw new UserError(
        `action "${node.actionName}" of run "${runName}" waits for "${name}", which is no action of the run`,
        where(node, runName),
        `name actions of run "${runName}" (${[...nodes.keys()].sort().join(', ')}), or enqueue "${name}" first or in the same batch`,
      );
    }
  }

  const waitsForParent = [...nodes.values()].some((node) => node.parentActionName === undefined && node.childrenWaitForParent === true);
  const upstreamsOf = (node: OrderNode): string[] => {
    const names = node.after.filter((name) => nodes.has(name));
    if (waitsForParent && node.parentActionName !== undefined && nodes.has(node.parentActionName)) names.push(node.parentActionName);
    return names;
  };
  // Batch actions first, so the path starts at an action the user just wrote.
  const names = [...new Set([...batch.map((node) => node.actionName), ...nodes.keys()])];
  const cycle = waitingCycle(names, (name) => {
    const node = nodes.get(name);
    return node === undefined ? [] : upstreamsOf(node);
  });
  if (cycle === undefined) return;
  // Blame an action of the batch: the cluster's actions were accepted before this one closed the circle.
  const blamed = batch.find((node) => cycle.includes(node.actionName)) ?? nodes.get(cycle[0] ?? '');
  const viaParent = waitsForParent ? ` (children wait for their parents: ${ANNOTATION_CHILDREN_WAIT_FOR_PARENT} is set on the root)` : '';
  throw new UserError(
    `actions of run "${runName}" wait for each other in a cycle: ${cycle.join(' -> ')}${viaParent}`,
    blamed !== undefined ? where(blamed, runName) : { field: AFTER_FIELD },
    'remove one of these names from an after list',
  );
}

/**
 * A path `a -> b -> ... -> a` along the edges, or undefined when there is none. Peels off every name whose edges
 * all lead to names already peeled (they can finish); whatever is left waits on a circle, and walking from the
 * first of those (in the given order) along edges that stay among them must come back to a name already walked.
 */
export function waitingCycle(names: readonly string[], edges: (name: string) => readonly string[]): string[] | undefined {
  const left = new Set(names);
  for (let peeled = true; peeled; ) {
    peeled = false;
    for (const name of left) {
      if (edges(name).every((next) => !left.has(next))) {
        left.delete(name);
        peeled = true;
      }
    }
  }
  const first = names.find((name) => left.has(name));
  if (first === undefined) return undefined;
  const walk = [first];
  for (;;) {
    const current = walk[walk.length - 1] as string;
    const next = edges(current).find((name) => left.has(name)) as string;
    const seen = walk.indexOf(next);
    if (seen >= 0) return [...walk.slice(seen), next];
    walk.push(next);
  }
}
