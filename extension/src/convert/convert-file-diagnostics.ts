import * as vscode from 'vscode';
import { type FileConversion } from './file-conversion.js';

export const CONVERT_DIAGNOSTIC_SOURCE = 'kueue';
export const CONVERT_FAILED_CODE = 'convert-failed';

/**
 * Why the explorer's "convert file(s)" left a file untouched, as errors in the Problems panel on the line the
 * core names (the first line when it names none). A file's entries go once it converts or is skipped.
 */
export class ConvertFileDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kueue-convert');

  report(uri: vscode.Uri, result: FileConversion): void {
    if (result.status !== 'failed') {
      this.collection.delete(uri);
      return;
    }
    this.collection.set(
      uri,
      result.errors.map((error) => {
        const line = Math.max((error.line ?? 1) - 1, 0);
        const column = Math.max((error.column ?? 1) - 1, 0);
        // Without the text at hand, the rest of the line is the range: VS Code clips it to the line's end.
        const diagnostic = new vscode.Diagnostic(new vscode.Range(line, column, line, Number.MAX_SAFE_INTEGER), error.detail, vscode.DiagnosticSeverity.Error);
        diagnostic.source = CONVERT_DIAGNOSTIC_SOURCE;
        diagnostic.code = CONVERT_FAILED_CODE;
        return diagnostic;
      }),
    );
  }

  dispose(): void {
    this.collection.dispose();
  }
}
