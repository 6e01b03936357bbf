import * as vscode from 'vscode';
import { documentsInSelection } from './document-actions.js';
import { type ManifestAnalysisCache } from './manifest-analysis-cache.js';
import { mayContainWorkload } from './workload-prefilter.js';

/**
 * `Add a command to container "x"` where convert is refused because a container has no command: puts a
 * `command:` skeleton next to its `image:` so the convert action becomes available once the user fills it in.
 */
export class MissingCommandQuickFix implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly analyses: ManifestAnalysisCache) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    if (context.only !== undefined && !context.only.intersects(vscode.CodeActionKind.QuickFix)) return [];
    if (!mayContainWorkload(document.getText())) return [];
    const version = document.version;
    const analysis = await this.analyses.analyze(document);
    // The offsets belong to the analysed text: on a newer one the command would land in the wrong place.
    if (token.isCancellationRequested || document.version !== version) return [];
    const selected = documentsInSelection(analysis, document.offsetAt(range.start), document.offsetAt(range.end));
    return selected.flatMap((d) =>
      d.missingCommands.map((finding) => {
        const action = new vscode.CodeAction(`Add a command to container "${finding.container}"`, vscode.CodeActionKind.QuickFix);
        const at = new vscode.Range(document.positionAt(finding.fix.offset), document.positionAt(finding.fix.offset + finding.fix.length));
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, at, finding.fix.text);
        return action;
      }),
    );
  }
}
