import * as vscode from 'vscode';
import { type TaskAction } from '../../../shared/task-action/index.js';
import { type ClusterSession, type Connected } from '../cluster/cluster-session.js';

/** How long a burst of watch events (a Pod's start writes several statuses) is collected before one re-read. */
const SETTLE_MS = 400;

/** An open virtual document that a change of some TaskActions makes stale. */
export interface RefreshedScheme {
  scheme: string;
  /** Whether this change of `action` makes the document at `uri` stale. */
  affectedBy(uri: vscode.Uri, action: TaskAction): boolean;
  reload(uri: vscode.Uri): void;
}

/**
 * Re-reads open virtual documents (details, YAML) when the namespace's watch reports a change to what they show,
 * so they stay current while open without polling. Documents that are not open are left alone.
 */
export class OpenDocumentRefresher implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly pending = new Map<string, { uri: vscode.Uri; scheme: RefreshedScheme }>();
  private timer: NodeJS.Timeout | undefined;
  private detach: (() => void) | undefined;
  private attachedTo: Connected | undefined;

  constructor(
    private readonly session: ClusterSession,
    private readonly schemes: readonly RefreshedScheme[],
  ) {
    this.subscriptions.push(
      session.onDidReplace(() => this.detachWatch()),
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (this.schemeOf(document.uri) !== undefined) void this.attach();
      }),
    );
    if (vscode.workspace.textDocuments.some((d) => this.schemeOf(d.uri) !== undefined)) void this.attach();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.detachWatch();
    for (const s of this.subscriptions) s.dispose();
  }

  private schemeOf(uri: vscode.Uri): RefreshedScheme | undefined {
    return this.schemes.find((s) => s.scheme === uri.scheme);
  }

  private async attach(): Promise<void> {
    const connected = await this.session.connect();
    if (connected === undefined || connected === this.attachedTo) return;
    this.detachWatch();
    this.attachedTo = connected;
    this.detach = connected.watch.addListener({ onEvent: (_type, action) => this.changed(action) });
  }

  private detachWatch(): void {
    this.detach?.();
    this.detach = undefined;
    this.attachedTo = undefined;
  }

  private changed(action: TaskAction): void {
    for (const document of vscode.workspace.textDocuments) {
      const scheme = this.schemeOf(document.uri);
      if (scheme?.affectedBy(document.uri, action) === true) this.pending.set(document.uri.toString(), { uri: document.uri, scheme });
    }
    if (this.pending.size === 0) return;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const due = [...this.pending.values()];
      this.pending.clear();
      for (const { uri, scheme } of due) scheme.reload(uri);
    }, SETTLE_MS);
  }
}
