import * as vscode from 'vscode';
import { productVersion } from '../../shared/version/index.js';
import { registerAuthoringFeatures } from './authoring/register-authoring-features.js';
import { COMMANDS } from './command-ids.js';
import { registerConvertFeatures } from './convert/register-convert-features.js';
import { type TaskActionFeatures, registerTaskActionFeatures } from './task-actions/register-task-action-features.js';

let taskActions: TaskActionFeatures | undefined;

/**
 * Activated by a YAML file, the TaskAction view or one of the commands. Registration only: the YAML layer and
 * the Kubernetes client are loaded by the feature that first needs them, from separate bundles under dist/lib/.
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
  taskActions = registerTaskActionFeatures(context);
  registerAuthoringFeatures(context, taskActions.session);
}

/** Stops the in-process executor so its Lease is released for another window or the in-cluster executor. */
export async function deactivate(): Promise<void> {
  await taskActions?.executor.stop();
}
