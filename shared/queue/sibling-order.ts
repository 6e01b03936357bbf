import { afterOf, type TaskAction } from '../task-action/index.js';

/** What ordering needs of one sibling: its action and the action names of its whole subtree (itself included). */
export interface OrderedSibling<T> {
  item: T;
  action: TaskAction;
  /** Every action name in the sibling's subtree: an `after` naming any of them waits for this sibling. */
  subtreeNames: ReadonlySet<string>;
}

/** Creation order, the action name breaking ties (creation times have one-second resolution). */
export function byCreationThenName(a: TaskAction, b: TaskAction): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.spec.actionName ?? '').localeCompare(b.spec.actionName ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

/**
 * Runs newest first: by the root's creation time, the run name then the object name breaking ties, as `list`
 * orders runs. Both the CLI's `tree`/`get` and the editor's view use it, so they show runs in one order.
 */
export function byNewestRunFirst(a: TaskAction, b: TaskAction): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta > tb ? -1 : 1;
  return (a.spec.runName ?? '').localeCompare(b.spec.runName ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

/**
 * The children of one action in the order they run: an action that waits for others (`kueue.dev/after`, naming a
 * sibling or anything below one) comes after them; independent siblings keep creation order. A stable
 * topological sort: each step takes the earliest-created sibling whose waits are all placed. Waits that go round
 * in a circle (enqueue refuses them, but a hand-made run may have one) are broken by creation order.
 */
export function orderSiblings<T>(siblings: readonly OrderedSibling<T>[]): T[] {
  if (siblings.length < 2) return siblings.map((s) => s.item);
  const base = [...siblings].sort((a, b) => byCreationThenName(a.action, b.action));
  const owner = new Map<string, number>();
  base.forEach((sibling, index) => {
    for (const name of sibling.subtreeNames) owner.set(name, index);
  });
  const waitsFor = base.map((sibling, index) => {
    const upstream = new Set<number>();
    for (const name of afterOf(sibling.action.metadata)) {
      const at = owner.get(name);
      if (at !== undefined && at !== index) upstream.add(at);
    }
    return upstream;
  });
  if (waitsFor.every((upstream) => upstream.size === 0)) return base.map((s) => s.item);
  const placed = new Array<boolean>(base.length).fill(false);
  const order: T[] = [];
  while (order.length < base.length) {
    let next = base.findIndex((_, i) => !placed[i] && [...(waitsFor[i] ?? [])].every((u) => placed[u]));
    // Only a circle leaves nothing ready: take the earliest left, so every sibling is still shown once.
    if (next < 0) next = placed.indexOf(false);
    placed[next] = true;
    order.push((base[next] as OrderedSibling<T>).item);
  }
  return order;
}
