import * as vscode from 'vscode';
import { COMMANDS } from '../command-ids.js';
import { type ClusterSession } from '../cluster/cluster-session.js';
import { errorText } from '../cluster/error-text.js';
import { type RunScope, runScope } from '../../../shared/queue/index.js';
import { type EnqueueInput } from './enqueue-input.js';
import { type WorkloadChoices } from './enqueue-manifest.js';
import { type TaskActionView } from '../task-actions/task-action-view.js';
import { type RunNotifier } from '../task-actions/run-notifier.js';
import { nameProblem } from './name-problem.js';
import { suggestRunName } from './run-name-suggestion.js';

const AS_IS = 'Containers as written';
const SEQUENTIAL = 'Sequential containers';

/** Run and action names through two input boxes, then whether the containers run one after the other. */
async function askWorkloadChoices(title: string, scope: RunScope, kind: string, name: string | undefined): Promise<WorkloadChoices | undefined> {
  const runName = await vscode.window.showInputBox({
    title,
    prompt: `Run name (project ${scope.project}, domain ${scope.domain})`,
    value: suggestRunName(name, new Date()),
    validateInput: (value) => nameProblem({ ...scope, runName: value, actionName: 'a0' }, 'spec.runName'),
  });
  if (runName === undefined) return undefined;
  const actionName = await vscode.window.showInputBox({
    title,
    prompt: `Action name in run ${runName}`,
    value: 'a0',
    validateInput: (value) => nameProblem({ ...scope, runName, actionName: value }, 'spec.actionName'),
  });
  if (actionName === undefined) return undefined;
  const mode = await vscode.window.showQuickPick(
    [
      { label: AS_IS, description: `the ${kind}'s containers as they are (init containers first, then the rest together)` },
      { label: SEQUENTIAL, description: 'one after the other, as `kubectl kueue enqueue -f --sequential`' },
    ],
    { title, placeHolder: `How the ${kind}'s containers run` },
  );
  if (mode === undefined) return undefined;
  return { runName, actionName, sequential: mode.label === SEQUENTIAL };
}

/**
 * "Enqueue Current Manifest as a Run": what `kubectl kueue enqueue -f` accepts, in the session's namespace. A
 * TaskAction under the cursor enqueues the file's TaskActions (a run written as documents); a Pod or Job becomes a
 * one-action run named through two input boxes, with its containers as written or sequential. Then the view shows
 * it and the run is watched for its end.
 */
export function registerEnqueueManifestCommand(session: ClusterSession, view: TaskActionView, notifier: RunNotifier): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.enqueueManifest, async () => {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined || editor.document.languageId !== 'yaml') {
      void vscode.window.showInformationMessage('Kueue: open a YAML file with a TaskAction, Pod or Job manifest to enqueue it.');
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
    let input: EnqueueInput;
    try {
      input = api.enqueueInput(text, offset, file);
    } catch (err) {
      void vscode.window.showErrorMessage(`Kueue: ${errorText(err)}`);
      return;
    }

    const scope = runScope({});
    const title = `Kueue: Enqueue into ${connection.contextName} / ${connection.namespace}`;
    const choices = input.kind === 'workload' ? await askWorkloadChoices(title, scope, input.objectKind, input.name) : undefined;
    if (input.kind === 'workload' && choices === undefined) return;
    const runName = input.kind === 'taskactions' ? input.runNames.join(', ') : (choices?.runName ?? '');

    try {
      const results = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Kueue: enqueueing run ${runName}...` },
        () => api.enqueueManifest(connection.client, { input, scope, ...(choices !== undefined ? { choices } : {}), namespace: connection.namespace }),
      );
      const root = results[0]?.object;
      if (root === undefined) return;
      // Each run of the input (a TaskAction file may hold several) is watched for its end.
      const runs = new Map(results.map(({ object }) => [`${object.spec.project}/${object.spec.domain}/${object.spec.runName}`, object.spec]));
      for (const spec of runs.values()) {
        await notifier.track({ namespace: connection.namespace, ...(spec.org !== undefined ? { org: spec.org } : {}), project: spec.project, domain: spec.domain, runName: spec.runName });
      }
      const outcome = results.every((r) => r.outcome === 'unchanged') ? 'was already enqueued' : 'enqueued';
      vscode.window.setStatusBarMessage(`Kueue: run ${runName} ${outcome} (${results.length} action${results.length === 1 ? '' : 's'})`, 5_000);
      await view.reveal(root.metadata.name ?? '');
    } catch (err) {
      void vscode.window.showErrorMessage(`Kueue: could not enqueue run ${runName}: ${errorText(err)}`);
    }
  });
}
