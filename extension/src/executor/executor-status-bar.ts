import * as vscode from 'vscode';
import { COMMANDS } from '../command-ids.js';
import { type ExecutorHost } from './executor-host.js';
import { executorStatusBarView } from './executor-host-state.js';

export const EXECUTOR_STATUS_BAR_ID = 'kueue.executor';

/** The executor's status bar item: shown while the executor is on (or failed), with its counts; click for actions. */
export function executorStatusBar(host: ExecutorHost): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(EXECUTOR_STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 50);
  item.name = 'Kueue Executor';
  item.command = COMMANDS.executorMenu;
  let last = '';
  const render = () => {
    const view = executorStatusBarView(host.state, host.connectionProblem);
    // Stats arrive every second; repaint only when something shows differently.
    const key = JSON.stringify(view);
    if (key === last) return;
    last = key;
    item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip);
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
    item.backgroundColor = view.background !== undefined ? new vscode.ThemeColor(view.background) : undefined;
    item.accessibilityInformation = { label: view.text.replace(/\$\([^)]*\)\s*/g, '') };
    if (view.visible) item.show();
    else item.hide();
  };
  render();
  return vscode.Disposable.from(item, host.onDidChangeState(render));
}
