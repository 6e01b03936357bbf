import * as vscode from 'vscode';
import { type AuthoringProblem, type TextFix } from '../../../shared/authoring/index.js';
import { loadAuthoringCore } from './authoring-core.js';
import { mayBeAuthored } from './authored-document.js';

export const AUTHORING_SOURCE = 'kueue';

/** A diagnostic that knows its quick fix (the fix's offsets belong to the document version it was made for). */
export class ManifestDiagnostic extends vscode.Diagnostic {
  constructor(
    range: vscode.Range,
    message: string,
    severity: vscode.DiagnosticSeverity,
    readonly fix: TextFix | undefined,
  ) {
    super(range, message, severity);
  }
}

function diagnosticOf(document: vscode.TextDocument, problem: AuthoringProblem): ManifestDiagnostic {
  const range = new vscode.Range(document.positionAt(problem.start), document.positionAt(problem.end));
  const severity = problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new ManifestDiagnostic(range, problem.message, severity, problem.fix);
  diagnostic.source = AUTHORING_SOURCE;
  diagnostic.code = problem.code;
  return diagnostic;
}

/** How long typing must pause before a document is checked again. */
const SETTLE_MS = 250;

/**
 * What enqueue would refuse in open TaskAction, Pod and Job files, in Problems and under the text, kept current
 * as they are edited. Files of other kinds never load the checks.
 */
export class ManifestDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kueue-authoring');
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, SETTLE_MS)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
    ];
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.languageId !== 'yaml') return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => void this.check(document), delay));
  }

  private async check(document: vscode.TextDocument): Promise<void> {
    this.pending.delete(document.uri.toString());
    if (document.isClosed) return;
    if (!mayBeAuthored(document)) {
      this.collection.delete(document.uri);
      return;
    }
    const version = document.version;
    const core = await loadAuthoringCore();
    // A newer edit is checked by its own timer; this result would describe text that is gone.
    if (document.isClosed || document.version !== version) return;
    this.collection.set(document.uri, core.manifestProblems(document.getText()).map((problem) => diagnosticOf(document, problem)));
  }

  /**
   * The quick fix of a diagnostic of ours. Code actions receive copies of the diagnostics, so the one set is found
   * by its place and message.
   */
  fixFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): TextFix | undefined {
    const ours = this.collection.get(uri)?.find((d) => d.range.isEqual(diagnostic.range) && d.message === diagnostic.message);
    return ours instanceof ManifestDiagnostic ? ours.fix : undefined;
  }

  private forget(uri: vscode.Uri): void {
    clearTimeout(this.pending.get(uri.toString()));
    this.pending.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}
