import * as vscode from 'vscode';
import { type ManifestAnalysisCache } from './manifest-analysis-cache.js';
import { DIAGNOSTIC_SOURCE, RESTART_POLICY_CODE } from './restart-policy-diagnostics.js';

/** "Set restartPolicy: Never" on the restart-policy warning of a converted workload. */
export class RestartPolicyQuickFix implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly analyses: ManifestAnalysisCache) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const warnings = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === RESTART_POLICY_CODE);
    if (warnings.length === 0) return [];
    const version = document.version;
    const findings = (await this.analyses.analyze(document)).flatMap((d) => d.restartPolicy);
    // The warnings were placed on an older text: their fix would land in the wrong place.
    if (document.version !== version) return [];
    return warnings.flatMap((warning) => {
      const finding = findings.find((f) => f.offset === document.offsetAt(warning.range.start));
      if (finding?.fix === undefined) return [];
      const action = new vscode.CodeAction('Set restartPolicy: Never', vscode.CodeActionKind.QuickFix);
      const range = new vscode.Range(document.positionAt(finding.fix.offset), document.positionAt(finding.fix.offset + finding.fix.length));
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, range, finding.fix.text);
      action.diagnostics = [warning];
      action.isPreferred = true;
      return [action];
    });
  }
}
