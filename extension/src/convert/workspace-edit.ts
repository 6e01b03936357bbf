import * as vscode from 'vscode';
import { type TextReplacement } from './narrow-edit.js';

/** Offset replacements of one document as a single WorkspaceEdit, so one undo reverts all of them. */
export function workspaceEditOf(document: vscode.TextDocument, replacements: readonly TextReplacement[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const r of replacements) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(r.start), document.positionAt(r.end)), r.replacement);
  }
  return edit;
}
