import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { convertManifest } from '../../../shared/convert/manifest-transform.js';
import { readWorkspaceFile, waitFor, workspaceFile } from './host-helpers.js';
import { hostTest } from './host-test.js';

function kueueDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kueue');
}

hostTest('a converted bare Pod without restartPolicy gets a warning on its kind line, gone once the policy is Never', async () => {
  const converted = convertManifest(await readWorkspaceFile('bare-pod.yaml')).chunks.join('');
  const uri = workspaceFile('converted-bare-pod.yaml');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(converted));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);

  const [warning] = await waitFor('the restart-policy warning', () => {
    const found = kueueDiagnostics(uri);
    return found.length > 0 ? found : undefined;
  });
  assert.equal(warning?.severity, vscode.DiagnosticSeverity.Warning);
  assert.equal(warning?.code, 'restart-policy');
  assert.match(warning?.message ?? '', /^Pod\/bare: restartPolicy is not set and defaults to Always for a Pod/);
  assert.equal(document.lineAt(warning?.range.start.line ?? -1).text, 'kind: Pod');

  const spec = document.getText().indexOf('spec:\n');
  await editor.edit((b) => b.insert(document.positionAt(spec + 'spec:\n'.length), '  restartPolicy: Always\n'));
  const [always] = await waitFor('the warning to move to restartPolicy: Always', () => {
    const found = kueueDiagnostics(uri);
    return found[0]?.message.includes('restartPolicy is Always') === true ? found : undefined;
  });
  assert.equal(document.lineAt(always?.range.start.line ?? -1).text.trim(), 'restartPolicy: Always');

  await editor.edit((b) => b.replace(document.lineAt(always?.range.start.line ?? 0).range, '  restartPolicy: Never'));
  await waitFor('the warning to go away', () => (kueueDiagnostics(uri).length === 0 ? true : undefined));
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

hostTest('the restart-policy warning can be switched off', async () => {
  const uri = workspaceFile('converted-bare-pod.yaml');
  await vscode.window.showTextDocument(uri);
  await waitFor('the restart-policy warning', () => (kueueDiagnostics(uri).length > 0 ? true : undefined));
  const settings = vscode.workspace.getConfiguration('kueue.diagnostics');
  await settings.update('restartPolicy', false, vscode.ConfigurationTarget.Workspace);
  try {
    await waitFor('the warning to go away', () => (kueueDiagnostics(uri).length === 0 ? true : undefined));
  } finally {
    await settings.update('restartPolicy', undefined, vscode.ConfigurationTarget.Workspace);
  }
  await waitFor('the warning to come back', () => (kueueDiagnostics(uri).length > 0 ? true : undefined));
});

/** The kueue quick fixes offered on a diagnostic. */
async function quickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  return actions.filter((a) => a.title === 'Set restartPolicy: Never');
}

hostTest('the restart-policy warning has a quick fix that sets restartPolicy: Never, missing or Always', async () => {
  const converted = convertManifest(await readWorkspaceFile('bare-pod.yaml')).chunks.join('');
  const uri = workspaceFile('quick-fix-pod.yaml');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(converted));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);

  const [missing] = await waitFor('the warning on the kind line', () => kueueDiagnostics(uri)[0] && kueueDiagnostics(uri));
  assert.ok(missing);
  const [insert] = await quickFixes(uri, missing);
  assert.ok(insert?.edit, 'no quick fix on the warning of a missing restartPolicy');
  assert.ok(await vscode.workspace.applyEdit(insert.edit));
  // Inserted as the spec's first key, indented like the others.
  assert.match(document.getText(), /\nspec:\n {2}restartPolicy: Never\n {2}initContainers:|\nspec:\n {2}restartPolicy: Never\n {2}containers:/);
  await waitFor('the warning to go away', () => (kueueDiagnostics(uri).length === 0 ? true : undefined));

  const at = document.getText().indexOf('restartPolicy: Never');
  await editor.edit((b) => b.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + 'restartPolicy: Never'.length)), 'restartPolicy: Always'));
  const [always] = await waitFor('the warning on restartPolicy: Always', () => (kueueDiagnostics(uri)[0]?.message.includes('Always') === true ? kueueDiagnostics(uri) : undefined));
  assert.ok(always);
  const [replace] = await quickFixes(uri, always);
  assert.ok(replace?.edit, 'no quick fix on restartPolicy: Always');
  assert.ok(await vscode.workspace.applyEdit(replace.edit));
  assert.equal(document.getText().includes('restartPolicy: Always'), false);
  assert.equal(document.getText().split('restartPolicy: Never').length, 2, 'restartPolicy: Never is not there exactly once');
  await waitFor('the warning to go away again', () => (kueueDiagnostics(uri).length === 0 ? true : undefined));
  await vscode.commands.executeCommand('workbench.action.files.revert');
});
