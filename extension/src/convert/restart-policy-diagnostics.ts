import * as vscode from 'vscode';
import { SEQUENTIAL_ANNOTATION } from '../../../shared/convert/index.js';
import { restartPolicyWarningsEnabled } from './convert-settings.js';
import { type ManifestAnalysisCache } from './manifest-analysis-cache.js';
import { type RestartPolicyFinding } from './restart-policy-findings.js';

export const DIAGNOSTIC_SOURCE = 'kueue';
export const RESTART_POLICY_CODE = 'restart-policy';

/** Typing should not re-parse a large manifest on every keystroke. */
const DEBOUNCE_MS = 300;

/**
 * Warnings on converted Pods (and Job/CronJob pod templates) whose restartPolicy makes the kubelet run
 * finished steps again: `restartPolicy: Always`, or none on a bare Pod. Kept current for every open YAML
 * document; documents that carry no sequential annotation are never parsed.
 */
export class RestartPolicyDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly analyses: ManifestAnalysisCache) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kueue')) for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
      }),
    ];
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.collection.dispose();
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.languageId !== 'yaml') {
      if (this.collection.has(document.uri)) this.forget(document.uri);
      return;
    }
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.refresh(document);
      }, delay),
    );
  }

  private forget(uri: vscode.Uri): void {
    clearTimeout(this.pending.get(uri.toString()));
    this.pending.delete(uri.toString());
    this.collection.delete(uri);
  }

  private async refresh(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    if (!restartPolicyWarningsEnabled(document.uri) || !document.getText().includes(SEQUENTIAL_ANNOTATION)) {
      this.collection.delete(document.uri);
      return;
    }
    const version = document.version;
    const analysis = await this.analyses.analyze(document);
    // A newer version has its own refresh scheduled.
    if (document.isClosed || document.version !== version) return;
    const findings = analysis.flatMap((d) => d.restartPolicy);
    this.collection.set(document.uri, findings.map((f) => diagnosticOf(document, f)));
  }
}

function diagnosticOf(document: vscode.TextDocument, finding: RestartPolicyFinding): vscode.Diagnostic {
  const start = document.positionAt(finding.offset);
  const range = new vscode.Range(start, document.lineAt(start.line).range.end);
  const diagnostic = new vscode.Diagnostic(range, `${finding.object}: ${finding.message}`, vscode.DiagnosticSeverity.Warning);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = RESTART_POLICY_CODE;
  return diagnostic;
}
