import * as vscode from 'vscode';
import { type ClusterSession } from '../cluster/cluster-session.js';
import { COMMANDS } from '../command-ids.js';
import { type TaskActionView } from '../task-actions/task-action-view.js';
import type { RunFilter } from './run-filter.js';

/** Set while a filter hides runs, for the title bar's Clear Filter button. */
const FILTERING_KEY = 'kueue.runFilterActive';
/** The view's name in package.json, its title when no cluster is connected. */
const VIEW_NAME = 'TaskActions';

/**
 * Filter Runs...: which run statuses and which labels (a kubectl `-l` selector on the run's root) the view shows.
 * The view's title counts every run per status, and says what the filter shows while one is set.
 */
export class RunFilterController implements vscode.Disposable {
  private filter: RunFilter = { phases: [] };
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly session: ClusterSession,
    private readonly view: TaskActionView,
  ) {
    this.subscriptions.push(
      view.provider.onDidRebuild(() => this.retitle()),
      session.onDidReplace(() => this.retitle()),
      vscode.commands.registerCommand(COMMANDS.filterRuns, () => this.choose()),
      vscode.commands.registerCommand(COMMANDS.clearRunFilter, () => this.apply({ phases: [] })),
    );
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  private async choose(): Promise<void> {
    const connected = await this.session.connect();
    if (connected === undefined) return;
    const { api } = connected;
    const items = api.RUN_PHASES.map((phase) => ({ label: phase, picked: this.filter.phases.includes(phase) }));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Show runs that are... (none checked: all)' });
    if (picked === undefined) return;
    const text = await vscode.window.showInputBox({
      title: 'Show runs whose labels match (kubectl -l syntax; empty: any labels)',
      value: this.filter.selector?.text ?? '',
      placeHolder: 'team=ml,tier in (gpu,cpu)',
      validateInput: (value) => {
        try {
          api.parseLabelSelector(value);
          return undefined;
        } catch (err) {
          return err instanceof Error ? err.message : String(err);
        }
      },
    });
    if (text === undefined) return;
    this.apply({ phases: picked.map((p) => p.label), ...(text.trim() !== '' ? { selector: api.parseLabelSelector(text) } : {}) });
  }

  private apply(filter: RunFilter): void {
    this.filter = filter;
    const api = this.session.current?.api;
    void vscode.commands.executeCommand('setContext', FILTERING_KEY, api?.isFiltering(filter) ?? false);
    this.view.provider.setRunFilter(api === undefined ? () => true : (root) => api.passes(filter, root));
    this.retitle();
  }

  private retitle(): void {
    const api = this.session.current?.api;
    // Without a cluster there is nothing to count: the view's own name (an undefined title would blank it).
    const title = api === undefined ? VIEW_NAME : api.filteredTitle(this.view.provider.allRuns, this.filter);
    if (this.view.treeView.title !== title) this.view.treeView.title = title;
  }
}
