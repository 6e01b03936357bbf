import { createServer } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { type AddressInfo } from 'node:net';
import path from 'node:path';
import * as vscode from 'vscode';
import { probePortFile } from './probe-port-file.js';
import { type ProbeState } from './probe-state.js';

/**
 * A test-only extension: serves what this window shows (active editor text, selections, diagnostics) as JSON
 * on 127.0.0.1, so UI tests can compare the editor's text byte for byte instead of scraping Monaco's DOM,
 * which only renders visible lines and replaces spaces.
 */
export function activate(context: vscode.ExtensionContext): void {
  const portDir = vscode.workspace.getConfiguration('kueueProbe').get<string>('portDir', '');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (portDir === '' || folder === undefined) return;
  const server = createServer((request, response) => {
    const body = request.url === '/state' ? JSON.stringify(currentState()) : undefined;
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(body ?? '{}');
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    void writeFile(probePortFile(portDir, folder), String(port));
  });
  context.subscriptions.push({ dispose: () => server.close() });
}

function currentState(): ProbeState {
  const editor = vscode.window.activeTextEditor;
  return {
    activeEditor:
      editor === undefined
        ? null
        : {
            file: editor.document.uri.fsPath,
            name: path.basename(editor.document.uri.fsPath),
            languageId: editor.document.languageId,
            text: editor.document.getText(),
            isDirty: editor.document.isDirty,
            version: editor.document.version,
            selections: editor.selections.map((s) => ({ start: { line: s.start.line, character: s.start.character }, end: { line: s.end.line, character: s.end.character } })),
          },
    diagnostics: vscode.languages.getDiagnostics().flatMap(([uri, list]) =>
      list.map((d) => ({
        file: uri.fsPath,
        line: d.range.start.line,
        character: d.range.start.character,
        endLine: d.range.end.line,
        endCharacter: d.range.end.character,
        message: d.message,
        severity: vscode.DiagnosticSeverity[d.severity],
        source: d.source ?? '',
        code: typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''),
      })),
    ),
    kueueActive: vscode.extensions.getExtension('kueue.kueue')?.isActive ?? false,
  };
}
