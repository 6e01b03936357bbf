import { UserError } from '../errors/index.js';
import { type ActionDescription } from '../task-action/index.js';

/**
 * Groups a batch of actions into levels so that every action comes after its parent when the parent is in the
 * batch: level 0 holds roots and actions whose parent already exists in the cluster. Cycles and duplicate
 * actions are errors.
 */
export function orderParentsFirst(actions: ActionDescription[]): ActionDescription[][] {
  const key = (a: ActionDescription, name: string) => [a.namespace ?? '', a.org, a.project, a.domain, a.runName, name].join('\u0000');
  const byKey = new Map<string, ActionDescription>();
  for (const action of actions) {
    const k = key(action, action.actionName);
    if (byKey.has(k)) {
      throw new UserError(`action "${action.actionName}" of run "${action.runName}" is given twice`, { object: `TaskAction/${action.actionName}` });
    }
    byKey.set(k, action);
  }
  const depth = new Map<string, number>();
  const depthOf = (action: ActionDescription, seen: Set<string>): number => {
    const k = key(action, action.actionName);
    const cached = depth.get(k);
    if (cached !== undefined) return cached;
    if (seen.has(k)) {
      throw new UserError(`actions of run "${action.runName}" form a cycle through "${action.actionName}"`, {
        object: `TaskAction/${action.actionName}`,
        field: 'spec.parentActionName',
      });
    }
    seen.add(k);
    const parent = action.parentActionName !== undefined ? byKey.get(key(action, action.parentActionName)) : undefined;
    const d = parent ? depthOf(parent, seen) + 1 : 0;
    depth.set(k, d);
    return d;
  };
  const levels: ActionDescription[][] = [];
  for (const action of actions) {
    const d = depthOf(action, new Set());
    (levels[d] ??= []).push(action);
  }
  return levels.filter((level) => level !== undefined);
}
