import * as vscode from 'vscode';
import { COMMANDS } from '../command-ids.js';
import { type ClusterSession } from '../cluster/cluster-session.js';
import { errorText } from '../cluster/error-text.js';
import { LOGS_SCHEME, type TaskActionDocuments, YAML_SCHEME, taskActionUri } from './task-action-documents.js';
import { type TaskActionNode, rootOf } from './task-action-node.js';
import { type TaskActionView } from './task-action-view.js';

function descendants(node: TaskActionNode): number {
  return node.children.reduce((sum, child) => sum + 1 + descendants(child), 0);
}

function runRef(node: TaskActionNode) {
  const spec = node.action.spec;
  return { ...(spec.org !== undefined ? { org: spec.org } : {}), project: spec.project, domain: spec.domain, runName: spec.runName };
}

/**
 * The view's commands. Row commands take the clicked row, or the selected one when run from the palette or a
 * key binding. Stopping keeps the run (the executor marks what was unfinished Aborted, as `kubectl kueue stop`);
 * aborting asks first (it deletes the TaskAction and, through ownerReferences, everything below).
 */
export function registerTaskActionCommands(session: ClusterSession, view: TaskActionView, documents: TaskActionDocuments): vscode.Disposable {
  const target = (node: TaskActionNode | undefined): TaskActionNode | undefined => {
    const chosen = node ?? view.treeView.selection[0];
    if (chosen === undefined) void vscode.window.showInformationMessage('Select a TaskAction in the Kueue view first.');
    return chosen;
  };

  /** The row to act on with the cluster connection, its spec and namespace; undefined when either is missing. */
  const actOn = async (node: TaskActionNode | undefined) => {
    const chosen = target(node);
    if (chosen === undefined) return undefined;
    const connected = await session.connect();
    if (connected === undefined) return undefined;
    return { chosen, connected, spec: chosen.action.spec, namespace: chosen.action.metadata.namespace ?? connected.connection.namespace };
  };

  const abort = async (node: TaskActionNode | undefined, scope: 'action' | 'run') => {
    const subject = await actOn(node);
    if (subject === undefined) return;
    const { chosen, connected, spec, namespace } = subject;
    const below = descendants(scope === 'run' ? rootOf(chosen) : chosen);
    const question =
      scope === 'run'
        ? below === 0
          ? `Abort run ${spec.runName}? Its action stops and is deleted.`
          : `Abort run ${spec.runName}? Its ${below + 1} actions stop and are deleted.`
        : `Abort action ${spec.actionName} of run ${spec.runName}?${below === 0 ? '' : below === 1 ? ' The action below it is aborted too.' : ` The ${below} actions below it are aborted too.`}`;
    const confirmed = await vscode.window.showWarningMessage(question, { modal: true, detail: `Namespace ${namespace}, context ${connected.connection.contextName}.` }, 'Abort');
    if (confirmed !== 'Abort') return;
    const { api, connection } = connected;
    // As `kubectl kueue abort`: with no executor holding the Lease, abort stops the Pods and removes the finalizers.
    const cleanup = {
      mode: 'auto' as const,
      ownedObjects: [api.POD_OWNED_OBJECTS],
      executorPresence: (where: string) => api.executorPresence(connection.client, where, { leaseName: api.DEFAULT_LEASE_NAME }),
      leaseName: api.DEFAULT_LEASE_NAME,
    };
    try {
      const result =
        scope === 'run'
          ? await api.abortRun(connection.client, runRef(chosen), { namespace, cleanup })
          : await api.abortAction(connection.client, runRef(chosen), spec.actionName, { namespace, cleanup });
      const report = result.cleanup ? api.abortCleanupReport(result.cleanup, namespace) : [];
      if (result.note !== undefined) void vscode.window.showInformationMessage(result.note);
      else if (report.length > 0) void vscode.window.showInformationMessage(`Kueue: deleted ${result.deleted.join(', ')}; ${report.join('; ')}`);
      else vscode.window.setStatusBarMessage(`Kueue: deleted ${result.deleted.join(', ')}`, 5_000);
    } catch (err) {
      void vscode.window.showErrorMessage(`Kueue: could not abort ${scope === 'run' ? `run ${spec.runName}` : `action ${spec.actionName}`}: ${errorText(err)}`);
    }
  };

  const stop = async (node: TaskActionNode | undefined, scope: 'action' | 'run') => {
    const subject = await actOn(node);
    if (subject === undefined) return;
    const { chosen, connected, spec, namespace } = subject;
    const what = scope === 'run' ? `run ${spec.runName}` : `action ${spec.actionName} of run ${spec.runName}`;
    try {
      const result = await connected.api.stopRun(connected.connection.client, { namespace, ...runRef(chosen) }, scope === 'run' ? undefined : spec.actionName);
      const count = result.stopped.length;
      if (count === 0) void vscode.window.showInformationMessage(`Kueue: nothing to stop: every action of ${what} has finished.`);
      else vscode.window.setStatusBarMessage(`Kueue: stopping ${what} (${count} action${count === 1 ? '' : 's'}); it stays in the view as Aborted`, 5_000);
    } catch (err) {
      void vscode.window.showErrorMessage(`Kueue: could not stop ${what}: ${errorText(err)}`);
    }
  };

  const open = async (node: TaskActionNode | undefined, scheme: typeof YAML_SCHEME | typeof LOGS_SCHEME) => {
    const chosen = target(node);
    if (chosen === undefined) return;
    const uri = taskActionUri(scheme, chosen.action);
    // Opening an already open virtual document shows the old text: read it again.
    documents.reload(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
    if (scheme === YAML_SCHEME && document.languageId !== 'yaml') await vscode.languages.setTextDocumentLanguage(document, 'yaml');
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.refreshTaskActions, () => view.provider.refresh()),
    vscode.commands.registerCommand(COMMANDS.stopAction, (node?: TaskActionNode) => stop(node, 'action')),
    vscode.commands.registerCommand(COMMANDS.stopRun, (node?: TaskActionNode) => stop(node, 'run')),
    vscode.commands.registerCommand(COMMANDS.abortAction, (node?: TaskActionNode) => abort(node, 'action')),
    vscode.commands.registerCommand(COMMANDS.abortRun, (node?: TaskActionNode) => abort(node, 'run')),
    vscode.commands.registerCommand(COMMANDS.openTaskActionYaml, (node?: TaskActionNode) => open(node, YAML_SCHEME)),
    vscode.commands.registerCommand(COMMANDS.showTaskActionLogs, (node?: TaskActionNode) => open(node, LOGS_SCHEME)),
    vscode.commands.registerCommand(COMMANDS.copyTaskActionName, async (node?: TaskActionNode) => {
      const chosen = target(node);
      if (chosen === undefined) return;
      const name = chosen.action.metadata.name ?? '';
      await vscode.env.clipboard.writeText(name);
      vscode.window.setStatusBarMessage(`Kueue: copied ${name}`, 3_000);
    }),
  );
}
