import * as vscode from 'vscode';
import { objectKey, type ObjectRef, splitObjectKey } from '../../../shared/kube/index.js';
import { type ClusterSession } from '../cluster/cluster-session.js';
import { errorText } from '../cluster/error-text.js';
import { type TaskAction, TASKACTIONS } from '../../../shared/task-action/index.js';

/** `kueue-taskaction:/<namespace>/<name>.yaml`: a TaskAction as YAML, read-only (virtual documents cannot be saved). */
export const YAML_SCHEME = 'kueue-taskaction';
/** `kueue-logs:/<namespace>/<name>.log`: the logs of its Pods. */
export const LOGS_SCHEME = 'kueue-logs';

export function taskActionUri(scheme: typeof YAML_SCHEME | typeof LOGS_SCHEME, action: TaskAction): vscode.Uri {
  const extension = scheme === YAML_SCHEME ? 'yaml' : 'log';
  return vscode.Uri.from({ scheme, path: `/${objectKey(action)}.${extension}` });
}

function parse(uri: vscode.Uri): ObjectRef {
  const { namespace, name } = splitObjectKey(uri.path.slice(1));
  return { namespace, name: name.replace(/\.(yaml|log)$/, '') };
}

/**
 * Serves both virtual documents from the cluster: each open (and each "refresh" of an open one) reads the current
 * object, so the YAML is what the API server holds now, not the tree's cached copy.
 */
export class TaskActionDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly session: ClusterSession) {}

  /** Reads the document again (the logs of a running action grow). */
  reload(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { namespace, name } = parse(uri);
    const connected = await this.session.connect();
    if (connected === undefined) return `# ${this.session.problem?.message ?? 'no cluster is configured'}\n`;
    const { api, connection } = connected;
    try {
      const action = await connection.client.get<TaskAction>(TASKACTIONS, namespace, name);
      return uri.scheme === YAML_SCHEME ? api.taskActionYaml(action) : await api.actionLogs(connection.client, action);
    } catch (err) {
      return `# TaskAction ${namespace}/${name}: ${errorText(err)}\n`;
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
