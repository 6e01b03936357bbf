import * as vscode from 'vscode';
import { type TransformMode } from '../../../shared/convert/index.js';
import { COMMANDS } from '../command-ids.js';
import { documentWorkspaceEdit } from './convert-code-actions.js';
import { type AnalyzedDocument } from './manifest-analysis.js';
import { type ManifestAnalysisCache } from './manifest-analysis-cache.js';
import { documentsInSelection, planCommand } from './document-actions.js';

/**
 * The editor context menu's "Convert to Sequential Containers" / "Revert to Parallel Containers": the same
 * edit as the code action, on the documents under the cursors or selections of the active editor, with a
 * message saying why when there is nothing it can do.
 */
export function registerConvertEditorCommands(analyses: ManifestAnalysisCache): vscode.Disposable {
  const run = (mode: TransformMode) => async (resource?: vscode.Uri) => {
    const editor = await editorFor(resource);
    if (editor === undefined) {
      void vscode.window.showWarningMessage('Kueue: open a YAML manifest to convert.');
      return;
    }
    const { document } = editor;
    const analysis = await analyses.analyze(document);
    const plan = planCommand(selectedDocuments(analysis, editor), mode);
    if ('reason' in plan) {
      void vscode.window.showWarningMessage(`Kueue: cannot ${mode === 'convert' ? 'convert' : 'revert'}: ${plan.reason}`);
      return;
    }
    const edit = await documentWorkspaceEdit(document, plan.targets.map((d) => d.start), mode);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage('Kueue: the editor refused the edit (was the document changed meanwhile?)');
    }
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.convertToSequential, run('convert')),
    vscode.commands.registerCommand(COMMANDS.revertToParallel, run('revert')),
  );
}

/** Menus pass the file they were opened on; the palette passes nothing and means the active editor. */
async function editorFor(resource: vscode.Uri | undefined): Promise<vscode.TextEditor | undefined> {
  const active = vscode.window.activeTextEditor;
  if (resource === undefined || active?.document.uri.toString() === resource.toString()) return active;
  return vscode.window.showTextDocument(resource);
}

function selectedDocuments(analysis: readonly AnalyzedDocument[], editor: vscode.TextEditor): AnalyzedDocument[] {
  const byIndex = new Map<number, AnalyzedDocument>();
  for (const selection of editor.selections) {
    const start = editor.document.offsetAt(selection.start);
    const end = editor.document.offsetAt(selection.end);
    for (const d of documentsInSelection(analysis, start, end)) byIndex.set(d.index, d);
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}
