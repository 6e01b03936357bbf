import { type KubeClient } from '../../shared/kube/kube-client.js';
import { RefreshScheduler } from '../../extension/src/task-actions/refresh-scheduler.js';
import { TaskActionForest } from '../../extension/src/task-actions/task-action-forest.js';
import { type TaskActionItemView, taskActionItemView } from '../../extension/src/task-actions/task-action-item-view.js';
import { type TaskActionNode } from '../../extension/src/task-actions/task-action-node.js';
import { TaskActionWatch } from '../../extension/src/task-actions/task-action-watch.js';

/**
 * The TaskAction view's pipeline without VS Code: the extension's watch, refresh scheduler (visible), forest and
 * row rendering, doing per repaint what the tree view asks of the provider (the items of the rows that changed,
 * or of every run after a full refresh). `onRepaint` sees each repaint's rows.
 */
export class HeadlessTree {
  readonly watch: TaskActionWatch;
  readonly forest = new TaskActionForest();
  private readonly scheduler: RefreshScheduler;
  repaints = 0;
  events = 0;
  onRepaint: ((views: Map<string, TaskActionItemView>) => void) | undefined;

  constructor(client: KubeClient, namespace: string) {
    this.watch = new TaskActionWatch(client, namespace);
    this.scheduler = new RefreshScheduler(() => this.repaint());
    this.watch.addListener({
      onEvent: () => {
        this.events++;
        this.scheduler.request();
      },
      onState: (state) => {
        if (state.kind === 'synced') this.scheduler.request();
      },
    });
  }

  /** Starts watching with the view visible; resolves once every TaskAction is in the tree. */
  async start(expected: number, timeoutMs = 120_000): Promise<void> {
    this.scheduler.setVisible(true);
    this.watch.start();
    const deadline = Date.now() + timeoutMs;
    while (this.forest.size < expected) {
      if (Date.now() > deadline) throw new Error(`the tree holds ${this.forest.size} of ${expected} TaskActions after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): void {
    this.scheduler.dispose();
    this.watch.stop();
  }

  private repaint(): void {
    this.repaints++;
    const change = this.forest.update(this.watch.list());
    const nodes: readonly TaskActionNode[] = change.roots ? this.forest.roots : change.nodes;
    const now = Date.now();
    const views = new Map<string, TaskActionItemView>();
    for (const node of nodes) views.set(node.uid, taskActionItemView(node, node.parent === undefined && this.forest.isRunActive(node), now));
    this.onRepaint?.(views);
  }
}
