import * as vscode from 'vscode';
import { clusterTarget } from '../cluster/cluster-settings.js';
import { type ClusterSession } from '../cluster/cluster-session.js';
import { errorText } from '../cluster/error-text.js';
import { COMMANDS } from '../command-ids.js';
import { type TaskActionNode, isRunRoot } from '../task-actions/task-action-node.js';
import { type TaskActionView } from '../task-actions/task-action-view.js';
import { describeCommandLine } from './describe-command-line.js';
import { type DetailsDocuments } from './details-documents.js';
import { detailsUri } from './details-uri.js';
import { type LogFollowers } from './follow-logs-command.js';

/**
 * Row actions on runs and actions: details (what `describe` shows), retry, resubmit, and the same `describe` in a
 * terminal. A run's row stands for the run; the others for their action (and, for retry, what is below it).
 */
export function registerRunOperationCommands(session: ClusterSession, view: TaskActionView, details: DetailsDocuments, logs: LogFollowers): vscode.Disposable {
  const target = (node: TaskActionNode | undefined): TaskActionNode | undefined => {
    const chosen = node ?? view.treeView.selection[0];
    if (chosen === undefined) void vscode.window.showInformationMessage('Select a TaskAction in the Kueue view first.');
    return chosen;
  };

  const showDetails = async (node: TaskActionNode | undefined) => {
    const chosen = target(node);
    if (chosen === undefined) return;
    const uri = detailsUri(chosen.action, isRunRoot(chosen) ? 'run' : 'action');
    details.reload(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
  };

  const retry = async (node: TaskActionNode | undefined) => {
    const chosen = target(node);
    const connected = chosen && (await session.connect());
    if (chosen === undefined || connected === undefined) return;
    const { spec } = chosen.action;
    const namespace = chosen.action.metadata.namespace ?? connected.connection.namespace;
    const scope = isRunRoot(chosen) ? `run ${spec.runName}` : `action ${spec.actionName} of run ${spec.runName}`;
    try {
      const outcome = await connected.api.retryRun(connected.connection.client, namespace, {
        runName: spec.runName,
        project: spec.project,
        domain: spec.domain,
        ...(isRunRoot(chosen) ? {} : { actionName: spec.actionName }),
      });
      if (outcome.retried.length === 0) void vscode.window.showInformationMessage(`Nothing to retry in ${scope}: no action failed or was aborted.`);
      else void vscode.window.showInformationMessage(`Retrying ${outcome.retried.map((a) => a.spec.actionName).join(', ')} of run ${spec.runName}.`);
    } catch (err) {
      void vscode.window.showErrorMessage(`Kueue: could not retry ${scope}: ${errorText(err)}`);
    }
  };

  const resubmit = async (node: TaskActionNode | undefined) => {
    const chosen = target(node);
    const connected = chosen && (await session.connect());
    if (chosen === undefined || connected === undefined) return;
    const { spec } = chosen.action;
    const namespace = chosen.action.metadata.namespace ?? connected.connection.namespace;
    try {
      const outcome = await connected.api.resubmitRun(connected.connection.client, namespace, { runName: spec.runName, project: spec.project, domain: spec.domain });
      void vscode.window.showInformationMessage(`Resubmitted run ${spec.runName} as ${outcome.runName} (${outcome.created.length} actions).`);
    } catch (err) {
      void vscode.window.showErrorMessage(`Kueue: could not resubmit run ${spec.runName}: ${errorText(err)}`);
    }
  };

  const showInTerminal = async (node: TaskActionNode | undefined) => {
    const chosen = target(node);
    const connected = chosen && (await session.connect());
    if (chosen === undefined || connected === undefined) return;
    const { spec } = chosen.action;
    const line = describeCommandLine({
      runName: spec.runName,
      ...(isRunRoot(chosen) ? {} : { actionName: spec.actionName }),
      project: spec.project,
      domain: spec.domain,
      namespace: chosen.action.metadata.namespace ?? connected.connection.namespace,
      context: connected.connection.contextName,
      kubeconfig: clusterTarget().kubeconfig,
    });
    const terminal = vscode.window.createTerminal({ name: `kueue describe ${spec.runName}${isRunRoot(chosen) ? '' : ` ${spec.actionName}`}` });
    terminal.show();
    terminal.sendText(line);
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.showDetails, showDetails),
    vscode.commands.registerCommand(COMMANDS.retryRun, retry),
    vscode.commands.registerCommand(COMMANDS.resubmitRun, resubmit),
    vscode.commands.registerCommand(COMMANDS.showInTerminal, showInTerminal),
    vscode.commands.registerCommand(COMMANDS.followLogs, async (node?: TaskActionNode) => {
      const chosen = target(node);
      if (chosen !== undefined) await logs.follow(chosen);
    }),
  );
}
