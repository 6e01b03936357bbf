import * as vscode from 'vscode';
import { type ClusterSession } from '../cluster/cluster-session.js';
import { type TaskActionNode } from './task-action-node.js';
import { TaskActionTreeProvider } from './task-action-tree-provider.js';

export const TASKACTION_VIEW_ID = 'kueue.taskActions';

/**
 * The TaskAction view: its rows, a description saying which context and namespace it shows, and a message on top
 * when the connection broke after rows were shown (an empty view shows the welcome content instead). The rows
 * follow the cluster only while the view is visible.
 */
export class TaskActionView implements vscode.Disposable {
  readonly provider: TaskActionTreeProvider;
  readonly treeView: vscode.TreeView<TaskActionNode>;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly session: ClusterSession) {
    this.provider = new TaskActionTreeProvider(session);
    this.treeView = vscode.window.createTreeView(TASKACTION_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.subscriptions.push(
      this.provider,
      this.treeView,
      this.treeView.onDidChangeVisibility((event) => this.provider.setVisible(event.visible)),
      session.onDidChangeState(() => this.describe()),
      // Rows come and go without a change of connection state; the message follows whether there are any.
      this.provider.onDidRebuild(() => this.describe()),
    );
    this.provider.setVisible(this.treeView.visible);
    this.describe();
  }

  /** Shows a TaskAction (by name) once the tree holds it: expands its run and selects it. */
  async reveal(name: string, timeoutMs = 10_000): Promise<boolean> {
    await vscode.commands.executeCommand(`${TASKACTION_VIEW_ID}.focus`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.provider.flushNow();
      const node = this.provider.findByName(name);
      if (node !== undefined) {
        await this.treeView.reveal(node, { select: true, focus: true, expand: true });
        return true;
      }
      if (Date.now() > deadline) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 500);
        const once = this.provider.onDidRebuild(() => {
          clearTimeout(timer);
          once.dispose();
          resolve();
        });
      });
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  private describe(): void {
    const session = this.session;
    const where = session.current !== undefined ? session.where : undefined;
    this.treeView.description = where;
    const problem = session.problem;
    const hasRows = session.current?.watch.hasSynced === true && session.current.watch.list().length > 0;
    // A view alone in its container shows no description, so where the rows come from goes in the message line.
    // An empty view gets no message: VS Code hides the welcome content (empty namespace, errors) while one is set.
    const message = !hasRows ? undefined : problem !== undefined ? `Connection lost (${problem.message}). Showing the last known state; reconnecting by itself.` : where;
    if (this.treeView.message !== message) this.treeView.message = message;
  }
}
