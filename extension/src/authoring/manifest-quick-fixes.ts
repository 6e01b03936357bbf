import * as vscode from 'vscode';
import { AUTHORING_SOURCE, type ManifestDiagnostics } from './manifest-diagnostics.js';

/** The quick fixes of the authoring diagnostics: rename an unknown field, change a reference to the action meant. */
export class ManifestQuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: ManifestDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((diagnostic) => {
      if (diagnostic.source !== AUTHORING_SOURCE) return [];
      const fix = this.diagnostics.fixFor(document.uri, diagnostic);
      if (fix === undefined) return [];
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      // The diagnostic's range is where the fixed text is now; the fix's offsets are of the version it was made for.
      action.edit.replace(document.uri, diagnostic.range, fix.text);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      return [action];
    });
  }
}
