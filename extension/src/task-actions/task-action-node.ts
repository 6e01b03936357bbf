import { type TaskAction } from '../../../shared/task-action/index.js';

/**
 * One row of the TaskAction tree. The object stays the same for as long as its TaskAction (by uid) exists, so the
 * view can be told "this row changed" and keeps the row's expansion and selection across refreshes.
 */
export interface TaskActionNode {
  readonly uid: string;
  action: TaskAction;
  parent: TaskActionNode | undefined;
  children: TaskActionNode[];
}

export function isRunRoot(node: TaskActionNode): boolean {
  return node.parent === undefined;
}

/** The run's root of a node. */
export function rootOf(node: TaskActionNode): TaskActionNode {
  let root = node;
  while (root.parent !== undefined) root = root.parent;
  return root;
}
