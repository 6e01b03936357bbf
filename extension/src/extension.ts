import * as vscode from 'vscode';
import { productVersion } from '../../shared/version.js';
import { COMMANDS } from './command-ids.js';
import { registerConvertFeatures } from './convert/register-convert-features.js';

/**
 * Activated by a YAML file or one of the commands. Registration only: the YAML layer (and later the
 * Kubernetes client) is loaded by the feature that first needs it, from a separate bundle under dist/lib/.
 */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Kueue', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(COMMANDS.showVersion, () => {
      void vscode.window.showInformationMessage(`Kueue ${productVersion()}`);
    }),
  );
  registerConvertFeatures(context, output);
}

export function deactivate(): void {
  // Nothing to release: every resource is registered on the extension context.
}
