import * as vscode from 'vscode';
import { isTerminal } from '../../../shared/task-action/index.js';
import { type Connected, type ClusterSession } from '../cluster/cluster-session.js';
import type { TaskActionForest } from './task-action-forest.js';
import { type TaskActionItemView } from './task-action-item-view.js';
import { type TaskActionNode, rootOf } from './task-action-node.js';
import { RefreshScheduler } from './refresh-scheduler.js';

/** How often the durations of running actions are repainted while the view is visible. */
const TICK_MS = 5_000;
/**
 * How long a row whose hover was just opened keeps its duration still (and so do the rows above it, whose
 * repaint re-renders it): repainting a row closes its hover, and the hover of a running action would otherwise
 * vanish within one tick. Real changes (watch events) still repaint.
 */
const HOVER_HOLD_MS = 60_000;

function treeItem(view: TaskActionItemView): vscode.TreeItem {
  const collapsible =
    view.collapsible === 'none'
      ? vscode.TreeItemCollapsibleState.None
      : view.collapsible === 'expanded'
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(view.label, collapsible);
  item.id = view.id;
  item.description = view.description;
  item.iconPath = new vscode.ThemeIcon(view.icon.id, view.icon.color !== undefined ? new vscode.ThemeColor(view.icon.color) : undefined);
  item.contextValue = view.contextValue;
  item.accessibilityInformation = { label: view.accessibilityLabel };
  return item;
}

/**
 * The TaskAction tree's data: rows come from the session's watch through the forest (stable nodes by uid), and
 * watch events repaint only what changed, at most every quarter second and only while the view is visible.
 * Tooltips are built on hover (`resolveTreeItem`), since they decode the task template.
 */
export class TaskActionTreeProvider implements vscode.TreeDataProvider<TaskActionNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TaskActionNode | TaskActionNode[] | undefined>();
  private readonly scheduler = new RefreshScheduler(() => this.rebuild());
  private readonly subscriptions: vscode.Disposable[] = [];
  private forest: TaskActionForest | undefined;
  private connected: Connected | undefined;
  private detach: (() => void) | undefined;
  private tick: NodeJS.Timeout | undefined;
  private readonly rebuilt = new vscode.EventEmitter<void>();
  private showsRun: (root: TaskActionNode) => boolean = () => true;
  /** The row whose tooltip was resolved last (a hover opened on it), and when. */
  private hovered: { node: TaskActionNode; at: number } | undefined;

  readonly onDidChangeTreeData = this.changed.event;
  /** The rows now match the cluster (after each repaint): for reveal and for tests. */
  readonly onDidRebuild = this.rebuilt.event;

  constructor(private readonly session: ClusterSession) {
    this.subscriptions.push(
      this.changed,
      this.rebuilt,
      session.onDidReplace(() => this.reset()),
      session.onDidChangeState(() => {
        // The welcome content (empty tree) and the rows depend on whether the watch works.
        if (this.forest === undefined || this.forest.size === 0) this.changed.fire(undefined);
      }),
    );
  }

  get visible(): boolean {
    return this.scheduler.isVisible;
  }

  setVisible(visible: boolean): void {
    this.scheduler.setVisible(visible);
    clearInterval(this.tick);
    this.tick = undefined;
    if (visible) {
      void this.attach();
      this.tick = setInterval(() => this.repaintRunning(), TICK_MS);
    }
  }

  /** Asks the cluster again from scratch (after a settings fix, or when the user wants to be sure). */
  refresh(): void {
    this.session.replace();
  }

  getTreeItem(node: TaskActionNode): vscode.TreeItem {
    const forest = this.forest;
    const api = this.connected?.api;
    if (forest === undefined || api === undefined) return new vscode.TreeItem(node.action.spec.actionName);
    const runActive = node.parent === undefined && forest.isRunActive(node);
    const isRoot = node.parent === undefined;
    return treeItem(api.taskActionItemView(node, runActive, Date.now(), isRoot ? forest.runStatusOf(node) : undefined, isRoot ? forest.runWaitingOf(node) : undefined));
  }

  async getChildren(node?: TaskActionNode): Promise<TaskActionNode[]> {
    if (node !== undefined) return node.children;
    const connected = await this.attach();
    if (connected === undefined || this.forest === undefined) return [];
    if (!connected.watch.hasSynced) {
      // The first list is on its way (or failing): show the rows once they are there, the welcome content if not.
      // A connection replaced meanwhile is closed and will never list: stop waiting for it, and answer from the
      // new one (VS Code keeps showing the old rows for as long as this call is pending).
      await new Promise<void>((resolve) => {
        const subscriptions: { dispose(): void }[] = [];
        const done = () => {
          for (const s of subscriptions) s.dispose();
          resolve();
        };
        subscriptions.push(
          { dispose: connected.watch.addListener({ onState: (state) => state.kind !== 'connecting' && done() }) },
          this.session.onDidReplace(done),
        );
        if (connected.watch.state.kind !== 'connecting') done();
      });
      if (connected !== this.session.current) return this.getChildren();
      this.forest?.update(connected.watch.list());
    }
    return this.allRuns.filter(this.showsRun);
  }

  /** Every run's root, whether the filter shows it or not. */
  get allRuns(): TaskActionNode[] {
    return [...(this.forest?.roots ?? [])];
  }

  /** Shows only the runs whose root passes (the view's run filter); repaints the whole view. */
  setRunFilter(showsRun: (root: TaskActionNode) => boolean): void {
    this.showsRun = showsRun;
    this.changed.fire(undefined);
  }

  getParent(node: TaskActionNode): TaskActionNode | undefined {
    return node.parent;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TaskActionNode): vscode.TreeItem {
    const api = this.connected?.api;
    if (api === undefined) return item;
    this.hovered = { node, at: Date.now() };
    const tooltip = new vscode.MarkdownString(api.taskActionTooltip(node.action, { now: Date.now() }));
    tooltip.supportThemeIcons = false;
    item.tooltip = tooltip;
    return item;
  }

  /** The node of a TaskAction by namespace and name, once the forest holds it. */
  findByName(name: string): TaskActionNode | undefined {
    if (this.forest === undefined) return undefined;
    for (const node of this.forest.all()) if (node.action.metadata.name === name) return node;
    return undefined;
  }

  /** Repaints now if something is pending (used before revealing a new run). */
  flushNow(): void {
    this.rebuild();
  }

  dispose(): void {
    this.scheduler.dispose();
    clearInterval(this.tick);
    this.detach?.();
    for (const s of this.subscriptions) s.dispose();
  }

  private async attach(): Promise<Connected | undefined> {
    const connected = await this.session.connect();
    // Settings may change again while a connection opens (Switch Context writes the context, then the namespace):
    // the one this call waited for is then already closed, and only the session's live connection may feed rows.
    if (connected !== undefined && connected !== this.session.current) return this.attach();
    if (connected === undefined || connected === this.connected) return connected;
    this.detach?.();
    this.connected = connected;
    this.forest = new connected.api.TaskActionForest();
    this.detach = connected.watch.addListener({
      onEvent: () => this.scheduler.request(),
      onState: (state) => {
        if (state.kind === 'synced') this.scheduler.request();
      },
    });
    return connected;
  }

  private reset(): void {
    this.detach?.();
    this.detach = undefined;
    this.connected = undefined;
    this.forest = undefined;
    this.changed.fire(undefined);
  }

  private rebuild(): void {
    const connected = this.connected;
    const forest = this.forest;
    if (connected === undefined || forest === undefined) return;
    const change = forest.update(connected.watch.list());
    if (change.roots) this.changed.fire(undefined);
    else if (change.nodes.length > 0) this.changed.fire(change.nodes);
    this.rebuilt.fire();
  }

  /** Running actions' durations grow: repaint those rows (only they change). */
  private repaintRunning(): void {
    const forest = this.forest;
    if (forest === undefined) return;
    const running = new Set<TaskActionNode>();
    for (const node of forest.all()) {
      // Started (an executor wrote conditions) and not finished: its duration is still counting, and so is its
      // run's, which the run row shows.
      if ((node.action.status?.conditions?.length ?? 0) > 0 && !isTerminal(node.action)) running.add(node).add(rootOf(node));
    }
    const hovered = this.hovered;
    if (hovered !== undefined && Date.now() - hovered.at < HOVER_HOLD_MS) {
      // Refreshing a row re-renders the rows below it too: hold the hovered row and every row above it.
      for (let node: TaskActionNode | undefined = hovered.node; node !== undefined; node = node.parent) running.delete(node);
    }
    if (running.size > 0) this.changed.fire([...running]);
  }
}
