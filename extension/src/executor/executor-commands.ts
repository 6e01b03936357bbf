import * as vscode from 'vscode';
import { COMMANDS } from '../command-ids.js';
import { type ExecutorHost } from './executor-host.js';

/** Start, Stop, and the status bar's menu (start or stop, show the log). */
export function registerExecutorCommands(host: ExecutorHost): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.startExecutor, async () => {
      if (host.isOn) {
        host.output.show(true);
        return;
      }
      await host.start();
    }),
    vscode.commands.registerCommand(COMMANDS.stopExecutor, () => host.stop()),
    vscode.commands.registerCommand(COMMANDS.executorMenu, async () => {
      const items: (vscode.QuickPickItem & { run: () => unknown })[] = [
        host.isOn ? { label: '$(debug-stop) Stop Executor', run: () => host.stop() } : { label: '$(play) Start Executor', run: () => host.start() },
        { label: '$(output) Show Executor Log', run: () => host.output.show(true) },
      ];
      const pick = await vscode.window.showQuickPick(items, { title: 'Kueue Executor' });
      await Promise.resolve(pick?.run());
    }),
  );
}
