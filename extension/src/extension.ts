import * as vscode from 'vscode';
import { productVersion } from '../../shared/version.js';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('kueue.showVersion', () => {
      void vscode.window.showInformationMessage(`Kueue ${productVersion()}`);
    }),
  );
}

export function deactivate(): void {
  // Nothing to release: every resource is registered on the extension context.
}
