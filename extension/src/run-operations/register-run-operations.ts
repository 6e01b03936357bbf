import * as vscode from 'vscode';
import { type ClusterSession } from '../cluster/cluster-session.js';
import { type TaskActionDocuments, YAML_SCHEME } from '../task-actions/task-action-documents.js';
import { type TaskActionView } from '../task-actions/task-action-view.js';
import { objectKey } from '../../../shared/kube/index.js';
import { DetailsDocuments } from './details-documents.js';
import { DETAILS_SCHEME } from './details-uri.js';
import { LogFollowers } from './follow-logs-command.js';
import { OpenDocumentRefresher } from './open-document-refresher.js';
import { RunFilterController } from './run-filter-command.js';
import { registerRunOperationCommands } from './run-operation-commands.js';

/**
 * Operating runs from the view: the details documents, following logs, retry, resubmit, `describe` in a terminal, the run filter, and keeping
 * open details and YAML documents current as the watch reports changes.
 */
export function registerRunOperations(session: ClusterSession, view: TaskActionView, yaml: TaskActionDocuments): vscode.Disposable {
  const details = new DetailsDocuments(session);
  const logs = new LogFollowers(session);
  const refresher = new OpenDocumentRefresher(session, [
    details,
    {
      scheme: YAML_SCHEME,
      affectedBy: (uri, action) => uri.path === `/${objectKey(action)}.yaml`,
      reload: (uri) => yaml.reload(uri),
    },
  ]);
  return vscode.Disposable.from(
    details,
    refresher,
    logs,
    new RunFilterController(session, view),
    vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, details),
    registerRunOperationCommands(session, view, details, logs),
  );
}
