import path from 'node:path';
import * as vscode from 'vscode';
import { type EnqueueTarget } from '../../../shared/authoring/index.js';
import { type InputLocation, isUserError, isUserErrors } from '../../../shared/errors/index.js';
import { runScope } from '../../../shared/queue/index.js';
import { type ClusterSession } from '../cluster/cluster-session.js';
import { errorText } from '../cluster/error-text.js';
import { COMMANDS } from '../command-ids.js';
import { suggestRunName } from '../enqueue/run-name-suggestion.js';
import { loadAuthoringCore } from './authoring-core.js';
import { AUTHORING_SOURCE } from './manifest-diagnostics.js';

/** Where a refused dry run's problems are, on the lines their errors name (the target's line when they name none). */
function diagnosticsOf(document: vscode.TextDocument, target: EnqueueTarget, err: unknown): vscode.Diagnostic[] {
  const located: { message: string; location?: InputLocation }[] = isUserErrors(err)
    ? err.errors.map((e) => ({ message: errorText(e), location: e.location }))
    : isUserError(err)
      ? [{ message: errorText(err), location: err.location }]
      : [{ message: errorText(err) }];
  return located.map(({ message, location }) => {
    const line = location?.line !== undefined ? Math.min(location.line - 1, document.lineCount - 1) : document.positionAt(target.offset).line;
    const diagnostic = new vscode.Diagnostic(document.lineAt(line).range, `dry run (server): ${message}`, vscode.DiagnosticSeverity.Error);
    diagnostic.source = AUTHORING_SOURCE;
    diagnostic.code = 'dry-run';
    return diagnostic;
  });
}

/**
 * The CodeLens commands. "Enqueue run" puts the cursor in the document and runs Enqueue Current Manifest, so the
 * lens and the command are one path. "Dry run (server)" sends the file's actions as `enqueue --dry-run=server`
 * does and tells the answer in a notification; a refusal also goes to Problems until the file changes.
 */
export function registerEnqueueLensCommands(session: ClusterSession): vscode.Disposable {
  const refusals = vscode.languages.createDiagnosticCollection('kueue-dry-run');
  return vscode.Disposable.from(
    refusals,
    vscode.workspace.onDidChangeTextDocument((event) => refusals.delete(event.document.uri)),
    vscode.commands.registerCommand(COMMANDS.enqueueDocument, async (uri: vscode.Uri, target: EnqueueTarget) => {
      const editor = await vscode.window.showTextDocument(uri);
      const position = editor.document.positionAt(target.offset);
      editor.selection = new vscode.Selection(position, position);
      await vscode.commands.executeCommand(COMMANDS.enqueueManifest);
    }),
    vscode.commands.registerCommand(COMMANDS.dryRunDocument, async (uri: vscode.Uri, target: EnqueueTarget) => {
      const document = await vscode.workspace.openTextDocument(uri);
      const file = vscode.workspace.asRelativePath(uri);
      refusals.delete(uri);
      const connected = await session.connect();
      if (connected === undefined) {
        void vscode.window.showErrorMessage(`Kueue: cannot dry-run: ${session.problem?.message ?? 'no cluster is configured'}`);
        return;
      }
      const { client, contextName, namespace } = connected.connection;
      try {
        const core = await loadAuthoringCore();
        const runName = suggestRunName(path.basename(uri.path).replace(/\.ya?ml$/i, ''), new Date());
        const results = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Kueue: dry run (server) of ${file}...` },
          () => core.dryRunEnqueue(client, { text: document.getText(), file, target, scope: runScope({}), namespace, runName }),
        );
        const created = results.filter((r) => r.outcome === 'created').length;
        const names = results.map((r) => r.name).join(', ');
        void vscode.window.showInformationMessage(
          `Kueue: dry run (server) of ${file} passed in ${contextName} / ${namespace}: ${created} of ${results.length} TaskAction(s) would be created (${names}); nothing was stored.`,
        );
      } catch (err) {
        refusals.set(uri, diagnosticsOf(document, target, err));
        void vscode.window.showErrorMessage(`Kueue: dry run (server) of ${file} refused: ${errorText(err)}`);
      }
    }),
  );
}
