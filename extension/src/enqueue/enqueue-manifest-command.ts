import * as vscode from 'vscode';
import { COMMANDS } from '../command-ids.js';
import { type ClusterSession } from '../cluster/cluster-session.js';
import { errorText } from '../cluster/error-text.js';
import { runScope } from '../../../shared/queue/index.js';
import { type TaskActionView } from '../task-actions/task-action-view.js';
import { type RunNotifier } from '../task-actions/run-notifier.js';
import { nameProblem } from './name-problem.js';
import { suggestRunName } from './run-name-suggestion.js';

/**
 * "Enqueue Current Manifest as a Run": the Pod or Job under the cursor becomes a one-action run in the session's
 * namespace (the same path as `kubectl kueue enqueue -f`), named through two input boxes; then the view shows it
 * and the run is watched for its end.
 */
export function registerEnqueueManifestCommand(session: ClusterSession, view: TaskActionView, notifier: RunNotifier): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.enqueueManifest, async () => {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined || editor.document.languageId !== 'yaml') {
      void vscode.window.showInformationMessage('Kueue: open a YAML file with a Pod or Job manifest to enqueue it.');
      return;
    }
    const document = editor.document;
    const text = document.getText();
    const offset = document.offsetAt(editor.selection.active);
    const file = vscode.workspace.asRelativePath(document.uri);
    const connected = await session.connect();
    if (connected === undefined) {
      void vscode.window.showErrorMessage(`Kueue: cannot enqueue: ${session.problem?.message ?? 'no cluster is configured'}`);
      return;
    }
    const { api, connection } = connected;
    let manifestName: string | undefined;
    try {
      const manifest = api.manifestAtCursor(text, offset, file).value as { kind?: unknown; metadata?: { name?: unknown } };
      if (manifest.kind !== 'Pod' && manifest.kind !== 'Job') {
        void vscode.window.showErrorMessage(`Kueue: the document at the cursor is ${typeof manifest.kind === 'string' ? `a ${manifest.kind}` : 'not a Kubernetes object'}; put the cursor in a Pod or Job manifest.`);
        return;
      }
      manifestName = typeof manifest.metadata?.name === 'string' ? manifest.metadata.name : undefined;
    } catch (err) {
      void vscode.window.showErrorMessage(`Kueue: ${errorText(err)}`);
      return;
    }

    const scope = runScope({});
    const title = `Kueue: Enqueue into ${connection.contextName} / ${connection.namespace}`;
    const runName = await vscode.window.showInputBox({
      title,
      prompt: `Run name (project ${scope.project}, domain ${scope.domain})`,
      value: suggestRunName(manifestName, new Date()),
      validateInput: (value) => nameProblem({ ...scope, runName: value, actionName: 'a0' }, 'spec.runName'),
    });
    if (runName === undefined) return;
    const actionName = await vscode.window.showInputBox({
      title,
      prompt: `Action name in run ${runName}`,
      value: 'a0',
      validateInput: (value) => nameProblem({ ...scope, runName, actionName: value }, 'spec.actionName'),
    });
    if (actionName === undefined) return;

    try {
      const results = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Kueue: enqueueing run ${runName}...` },
        () => api.enqueueManifest(connection.client, { text, offset, file, scope, runName, actionName, namespace: connection.namespace }),
      );
      const root = results[0]?.object;
      if (root === undefined) return;
      await notifier.track({ namespace: connection.namespace, ...scope, runName });
      const outcome = results[0]?.outcome === 'unchanged' ? 'was already enqueued' : 'enqueued';
      vscode.window.setStatusBarMessage(`Kueue: run ${runName} ${outcome} as ${root.metadata.name ?? ''}`, 5_000);
      await view.reveal(root.metadata.name ?? '');
    } catch (err) {
      void vscode.window.showErrorMessage(`Kueue: could not enqueue run ${runName}: ${errorText(err)}`);
    }
  });
}
