import * as vscode from 'vscode';
import { type TransformMode } from '../../../shared/convert/index.js';
import { errorMessage } from '../../../shared/errors/index.js';
import { COMMANDS } from '../command-ids.js';
import { loadConvertCore } from './convert-core.js';
import { type ConvertFileDiagnostics } from './convert-file-diagnostics.js';
import { convertOptions } from './convert-settings.js';
import { summarizeConversions } from './conversion-summary.js';
import { type FileConversion, type FileError } from './file-conversion.js';
import { MANIFEST_FILE, manifestFileUris } from './manifest-file-uris.js';
import { narrowEdit } from './narrow-edit.js';

/**
 * The explorer's "Convert File(s) to Sequential Containers" and "Revert File(s) to Parallel Containers" on one
 * or more selected .yaml/.yml files or folders (every .yaml/.yml file under them): every
 * Pod, Job and CronJob in them is converted, all files in one undoable edit, and the files are saved unless
 * they had unsaved changes before. A notification says what was converted, skipped and why, and what failed
 * (file:line:column); the full list goes to the output channel, and each failure is also a problem on its file.
 */
export function registerConvertFilesCommand(output: vscode.LogOutputChannel, diagnostics: ConvertFileDiagnostics): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.convertFiles, (clicked?: vscode.Uri, selected?: vscode.Uri[]) => transformFiles('convert', clicked, selected, output, diagnostics)),
    vscode.commands.registerCommand(COMMANDS.revertFiles, (clicked?: vscode.Uri, selected?: vscode.Uri[]) => transformFiles('revert', clicked, selected, output, diagnostics)),
  );
}

async function transformFiles(mode: TransformMode, clicked: vscode.Uri | undefined, selected: vscode.Uri[] | undefined, output: vscode.LogOutputChannel, diagnostics: ConvertFileDiagnostics): Promise<void> {
  const uris = await manifestFileUris(selected !== undefined && selected.length > 0 ? selected : clicked !== undefined ? [clicked] : activeFile());
  const core = await loadConvertCore();
  const results: FileConversion[] = [];
  const reported: [vscode.Uri, FileConversion][] = [];
  const edit = new vscode.WorkspaceEdit();
  const toSave: vscode.TextDocument[] = [];
  for (const uri of uris) {
    const name = vscode.workspace.asRelativePath(uri, false);
    if (!MANIFEST_FILE.test(uri.path)) {
      results.push({ file: name, status: 'failed', errors: [fileError(name, 'not a .yaml or .yml file')] });
      continue;
    }
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let content: string | Uint8Array;
    try {
      content = open?.getText() ?? (await vscode.workspace.fs.readFile(uri));
    } catch (err) {
      results.push({ file: name, status: 'failed', errors: [fileError(name, errorMessage(err))] });
      continue;
    }
    const result = core.convertFile(name, content, convertOptions(uri), mode);
    results.push(result);
    reported.push([uri, result]);
    if (result.status !== 'converted') continue;
    const document = open ?? (await vscode.workspace.openTextDocument(uri));
    const original = document.getText();
    const change = narrowEdit(original, { start: 0, end: original.length, replacement: result.text });
    edit.replace(uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.replacement);
    if (!document.isDirty) toSave.push(document);
  }

  if (edit.size > 0 && !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('Kueue: the editor refused the edit; no file was changed.');
    return;
  }
  // TextDocument.save, not workspace.save: the latter only saves files shown in an editor.
  await Promise.all(toSave.map((document) => document.save()));
  for (const [uri, result] of reported) diagnostics.report(uri, result);

  const summary = summarizeConversions(results, mode);
  output.info(`${mode} file(s):\n${summary.details.map((line) => `  ${line}`).join('\n')}`);
  const show = summary.severity === 'error' ? vscode.window.showErrorMessage : summary.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  // Not awaited: the command is done when the files are, not when the user closes the notification.
  void show(`Kueue: ${summary.message}`, 'Show Details').then((choice) => {
    if (choice === 'Show Details') output.show(true);
  });
}

function fileError(file: string, message: string): FileError {
  return { where: file, message, detail: `${file}: ${message}` };
}

function activeFile(): vscode.Uri[] {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri === undefined ? [] : [uri];
}
