import * as vscode from 'vscode';
import { type TransformMode } from '../../../shared/convert/index.js';
import { loadConvertCore } from './convert-core.js';
import { convertOptions } from './convert-settings.js';
import { type PlannedAction, documentsInSelection, planActions } from './document-actions.js';
import { type ManifestAnalysisCache } from './manifest-analysis-cache.js';
import { type AnalyzedDocument } from './manifest-analysis.js';
import { workspaceEditOf } from './workspace-edit.js';
import { mayContainWorkload } from './workload-prefilter.js';

/** A convert or revert action; its edit is computed only when the user picks it. */
class ConvertCodeAction extends vscode.CodeAction {
  constructor(
    readonly document: vscode.TextDocument,
    readonly version: number,
    readonly plan: PlannedAction,
  ) {
    super(plan.title, vscode.CodeActionKind.RefactorRewrite);
    if (plan.disabledReason !== undefined) this.disabled = { reason: plan.disabledReason };
  }
}

/**
 * "Convert to sequential containers" / "Revert to parallel containers" on the YAML document(s) under the
 * cursor or selection, as `refactor.rewrite` actions (Ctrl+Shift+R, the light bulb, the Refactor... menu).
 */
export class ConvertCodeActionProvider implements vscode.CodeActionProvider<ConvertCodeAction> {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.RefactorRewrite],
  };

  constructor(private readonly analyses: ManifestAnalysisCache) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): ConvertCodeAction[] | Promise<ConvertCodeAction[]> {
    if (context.only !== undefined && !context.only.intersects(vscode.CodeActionKind.RefactorRewrite)) return [];
    if (!mayContainWorkload(document.getText())) return [];
    const version = document.version;
    const actionsOf = (analysis: readonly AnalyzedDocument[]) => {
      const selected = documentsInSelection(analysis, document.offsetAt(range.start), document.offsetAt(range.end));
      return planActions(selected).map((plan) => new ConvertCodeAction(document, version, plan));
    };
    // Answered without waiting a turn when the analysis is done (see AnalysisWarmer for why that matters).
    const settled = this.analyses.settled(document);
    if (settled !== undefined) return actionsOf(settled);
    return this.analyses.analyze(document).then((analysis) => (token.isCancellationRequested ? [] : actionsOf(analysis)));
  }

  async resolveCodeAction(action: ConvertCodeAction): Promise<ConvertCodeAction> {
    if (action.plan.targets.length === 0 || action.document.version !== action.version) return action;
    action.edit = await documentWorkspaceEdit(action.document, action.plan.targets.map((d) => d.start), action.plan.mode);
    return action;
  }
}

/** The single WorkspaceEdit that rewrites the given documents of `document` (by their start offsets). */
export async function documentWorkspaceEdit(document: vscode.TextDocument, starts: readonly number[], mode: TransformMode): Promise<vscode.WorkspaceEdit> {
  const core = await loadConvertCore();
  const { edits } = core.documentEdits(document.getText(), starts, mode, convertOptions(document.uri));
  return workspaceEditOf(document, edits);
}
