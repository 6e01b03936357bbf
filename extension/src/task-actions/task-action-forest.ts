import { objectKey } from '../../../shared/kube/index.js';
import { type ActionTreeNode, buildActionTrees } from '../../../shared/queue/index.js';
import { type RunStatus, runStatus, type RunWaitingReason, runWaitingReason } from '../../../shared/runs/index.js';
import { displayPhase, type TaskAction } from '../../../shared/task-action/index.js';
import { isAbortable } from './task-action-context-value.js';
import { type TaskActionNode } from './task-action-node.js';

/** What a rebuild changed, in the terms a tree view refreshes by. */
export interface ForestChange {
  /** The list of roots changed: the whole view must be asked again. */
  roots: boolean;
  /** Rows whose own item or whose children changed (parents of added or removed rows included). */
  nodes: TaskActionNode[];
}

function sameChildren(previous: readonly TaskActionNode[], next: readonly ActionTreeNode[]): boolean {
  return previous.length === next.length && previous.every((node, i) => node.uid === next[i]?.action.metadata.uid);
}

/**
 * The TaskAction tree as the view shows it: runs as roots, actions below their owner. Each rebuild arranges the
 * current TaskActions with the core's `buildActionTrees` (same nesting and order as `kubectl kueue tree`) and maps
 * the result onto long-lived nodes keyed by uid, reporting only the rows that differ, so a status change repaints
 * one row instead of the whole tree.
 */
export class TaskActionForest {
  private readonly nodes = new Map<string, TaskActionNode>();
  private rootNodes: TaskActionNode[] = [];
  private activeRuns = new Set<string>();
  /** Each run row's status, from all the actions of its tree, by root uid. */
  private runStatuses = new Map<string, RunStatus>();
  /** Why each run waits, when one of its actions does, by root uid. */
  private runWaiting = new Map<string, RunWaitingReason>();

  get roots(): readonly TaskActionNode[] {
    return this.rootNodes;
  }

  get size(): number {
    return this.nodes.size;
  }

  get(uid: string): TaskActionNode | undefined {
    return this.nodes.get(uid);
  }

  /** Whether some action of the run (given by its root) has not finished: the run can be aborted. */
  isRunActive(root: TaskActionNode): boolean {
    return this.activeRuns.has(root.uid);
  }

  /** The status of the run a root row stands for, derived from every action below it (not the root's own phase). */
  runStatusOf(root: TaskActionNode): RunStatus | undefined {
    return this.runStatuses.get(root.uid);
  }

  /** Why the run a root row stands for waits (the most urgent reason of its actions); undefined while it moves. */
  runWaitingOf(root: TaskActionNode): RunWaitingReason | undefined {
    return this.runWaiting.get(root.uid);
  }

  /** Every node, parents before children. */
  *all(): Generator<TaskActionNode> {
    const stack = [...this.rootNodes].reverse();
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      yield node;
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as TaskActionNode);
    }
  }

  update(actions: readonly TaskAction[]): ForestChange {
    const trees = buildActionTrees(actions).filter((tree) => !isOrphan(tree.action));
    const changed = new Set<TaskActionNode>();
    const seen = new Set<string>();
    const attach = (tree: ActionTreeNode, parent: TaskActionNode | undefined): TaskActionNode => {
      const uid = tree.action.metadata.uid ?? objectKey(tree.action);
      seen.add(uid);
      let node = this.nodes.get(uid);
      if (node === undefined) {
        node = { uid, action: tree.action, parent, children: [] };
        this.nodes.set(uid, node);
      } else {
        if (node.action.metadata.resourceVersion !== tree.action.metadata.resourceVersion) changed.add(node);
        node.action = tree.action;
        node.parent = parent;
      }
      const childrenChanged = !sameChildren(node.children, tree.children);
      const current = node;
      const children = tree.children.map((child) => attach(child, current));
      if (childrenChanged) {
        node.children = children;
        changed.add(node);
      }
      return node;
    };
    const previousRoots = this.rootNodes;
    const rootsChanged = !sameChildren(previousRoots, trees);
    const roots = trees.map((tree) => attach(tree, undefined));
    if (rootsChanged) this.rootNodes = roots;
    for (const [uid, node] of this.nodes) {
      if (seen.has(uid)) continue;
      this.nodes.delete(uid);
      changed.delete(node);
    }
    // A root's menu depends on its whole run; when the run starts or stops being active, repaint the root.
    const activeRuns = new Set<string>();
    for (const root of roots) if (this.subtreeActive(root)) activeRuns.add(root.uid);
    for (const root of roots) if (activeRuns.has(root.uid) !== this.activeRuns.has(root.uid)) changed.add(root);
    this.activeRuns = activeRuns;
    // A run row shows the run's status: a child's change repaints its run row when it changes what the row says.
    const runStatuses = new Map<string, RunStatus>();
    const runWaiting = new Map<string, RunWaitingReason>();
    for (const root of roots) {
      const actions = [...this.inOrder(root)].map((node) => node.action);
      const status = runStatus(actions);
      const waiting = runWaitingReason(actions);
      runStatuses.set(root.uid, status);
      if (waiting !== undefined) runWaiting.set(root.uid, waiting);
      const before = this.runStatuses.get(root.uid);
      if (before === undefined || runRowText(before, this.runWaiting.get(root.uid)) !== runRowText(status, waiting)) changed.add(root);
    }
    this.runStatuses = runStatuses;
    this.runWaiting = runWaiting;
    return { roots: rootsChanged, nodes: rootsChanged ? [] : [...changed] };
  }

  private subtreeActive(root: TaskActionNode): boolean {
    for (const node of this.subtree(root)) if (isAbortable(displayPhase(node.action))) return true;
    return false;
  }

  /** A run's nodes in the order the view shows them (ties between waiting reasons go to the first shown). */
  private *inOrder(node: TaskActionNode): Generator<TaskActionNode> {
    yield node;
    for (const child of node.children) yield* this.inOrder(child);
  }

  private *subtree(root: TaskActionNode): Generator<TaskActionNode> {
    const stack = [root];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      yield node;
      stack.push(...node.children);
    }
  }
}

/**
 * An action whose owning TaskAction is gone: the garbage collector deletes it next (an abort deletes the parent,
 * Kubernetes cascades). Shown as a root it would repeat its run's row until then, so the view leaves it out.
 */
function isOrphan(action: TaskAction): boolean {
  return (action.metadata.ownerReferences ?? []).some((owner) => owner.kind === 'TaskAction');
}

/** What of a run's status its row shows; equal texts need no repaint. */
function runRowText(status: RunStatus, waiting: RunWaitingReason | undefined): string {
  return [status.phase, status.progress, status.failed, status.startedAt, status.finishedAt, waiting?.summary].join(' ');
}
