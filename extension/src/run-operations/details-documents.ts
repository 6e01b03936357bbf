import * as vscode from 'vscode';
import { type TaskAction } from '../../../shared/task-action/index.js';
import { type ClusterSession } from '../cluster/cluster-session.js';
import { errorText } from '../cluster/error-text.js';
import { DETAILS_SCHEME, detailsTarget } from './details-uri.js';
import { type RefreshedScheme } from './open-document-refresher.js';

/**
 * Serves the details documents from the cluster, each read rendering what `kubectl kueue describe` prints. It
 * remembers which run each open document shows, so a change to any action of that run re-reads it.
 */
export class DetailsDocuments implements vscode.TextDocumentContentProvider, RefreshedScheme, vscode.Disposable {
  readonly scheme = DETAILS_SCHEME;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly runs = new Map<string, string>();

  constructor(private readonly session: ClusterSession) {}

  reload(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  affectedBy(uri: vscode.Uri, action: TaskAction): boolean {
    const target = detailsTarget(uri);
    return target.namespace === action.metadata.namespace && (this.runs.get(uri.toString()) === action.spec.runName || target.name === action.metadata.name);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const target = detailsTarget(uri);
    const connected = await this.session.connect();
    if (connected === undefined) return `# ${this.session.problem?.message ?? 'no cluster is configured'}\n`;
    try {
      const { text, runName } = await connected.api.detailsText(connected.connection.client, target);
      this.runs.set(uri.toString(), runName);
      return text;
    } catch (err) {
      return `# TaskAction ${target.namespace}/${target.name}: ${errorText(err)}\n`;
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
