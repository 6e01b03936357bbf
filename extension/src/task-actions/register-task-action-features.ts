import * as vscode from 'vscode';
import { registerClusterCommands } from '../cluster/cluster-commands.js';
import { ClusterSession } from '../cluster/cluster-session.js';
import { executorAutoStart } from '../cluster/cluster-settings.js';
import { registerEnqueueManifestCommand } from '../enqueue/enqueue-manifest-command.js';
import { registerExecutorCommands } from '../executor/executor-commands.js';
import { registerRunOperations } from '../run-operations/register-run-operations.js';
import { ExecutorHost } from '../executor/executor-host.js';
import { executorStatusBar } from '../executor/executor-status-bar.js';
import { RunNotifier } from './run-notifier.js';
import { LOGS_SCHEME, TaskActionDocuments, YAML_SCHEME } from './task-action-documents.js';
import { registerTaskActionCommands } from './task-action-commands.js';
import { TaskActionView } from './task-action-view.js';

/** What the TaskAction features expose to activation (deactivate stops the executor through it). */
export interface TaskActionFeatures {
  session: ClusterSession;
  view: TaskActionView;
  executor: ExecutorHost;
}

/**
 * The TaskAction tree, its commands and documents, context and namespace switching, the in-process executor and
 * enqueue-from-the-editor. Registration only: the Kubernetes client loads when the view first shows, a command
 * runs, or the executor starts (right away when `kueue.executor.autoStart` is on).
 */
export function registerTaskActionFeatures(context: vscode.ExtensionContext): TaskActionFeatures {
  const session = new ClusterSession();
  const view = new TaskActionView(session);
  const documents = new TaskActionDocuments(session);
  const executorOutput = vscode.window.createOutputChannel('Kueue Executor', 'log');
  const executor = new ExecutorHost(session, executorOutput);
  const notifier = new RunNotifier(session, context.workspaceState, (_run, name) => view.reveal(name));
  context.subscriptions.push(
    session,
    view,
    documents,
    executorOutput,
    notifier,
    vscode.workspace.registerTextDocumentContentProvider(YAML_SCHEME, documents),
    vscode.workspace.registerTextDocumentContentProvider(LOGS_SCHEME, documents),
    registerTaskActionCommands(session, view, documents),
    registerClusterCommands(session),
    registerExecutorCommands(executor),
    executorStatusBar(executor),
    registerEnqueueManifestCommand(session, view, notifier),
    registerRunOperations(session, view, documents),
  );
  if (executorAutoStart()) void executor.start();
  return { session, view, executor };
}
