import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { transformDocumentAt } from '../../../shared/convert/document-at-offset.js';
import { openEditor, positionOf, rewriteActions, waitFor } from './host-helpers.js';
import { hostTest } from './host-test.js';

function splice(text: string, edit: { start: number; end: number; replacement: string }): string {
  return text.slice(0, edit.start) + edit.replacement + text.slice(edit.end);
}

async function apply(action: vscode.CodeAction | undefined): Promise<void> {
  assert.ok(action?.edit, `no edit on ${action?.title ?? 'a missing action'}`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true);
}

hostTest('convert rewrites only the document under the cursor; revert restores it; one undo each', async () => {
  const editor = await openEditor('three-documents.yaml');
  const { document } = editor;
  const original = document.getText();
  const at = positionOf(document, 'name: second');
  const expected = splice(original, transformDocumentAt(original, document.offsetAt(at), 'convert'));

  const actions = await rewriteActions(document.uri, at);
  assert.deepEqual(actions.map((a) => [a.title, a.kind?.value, a.disabled]), [['Convert to sequential containers', 'refactor.rewrite', undefined]]);
  await apply(actions[0]);
  assert.equal(document.getText(), expected);

  const reverts = await rewriteActions(document.uri, positionOf(document, 'name: second'));
  assert.deepEqual(reverts.map((a) => a.title), ['Revert to parallel containers']);
  await apply(reverts[0]);
  assert.equal(document.getText(), original, 'revert did not restore the original text');

  await vscode.commands.executeCommand('undo');
  assert.equal(document.getText(), expected, 'one undo did not take back exactly the revert');
  await vscode.commands.executeCommand('undo');
  assert.equal(document.getText(), original, 'one undo did not take back exactly the conversion');
});

hostTest('documents that are not workloads get no action; the first document keeps its leading comment once', async () => {
  const editor = await openEditor('three-documents.yaml');
  const { document } = editor;
  assert.deepEqual(await rewriteActions(document.uri, positionOf(document, 'kind: ConfigMap')), []);
  const original = document.getText();
  const [convert] = await rewriteActions(document.uri, new vscode.Position(0, 0));
  await apply(convert);
  const text = document.getText();
  assert.equal(text.split('# Three documents; the UI tests convert only the second one.').length, 2);
  assert.equal(text.slice(text.indexOf('---\n# The second document')), original.slice(original.indexOf('---\n# The second document')));
  await vscode.commands.executeCommand('undo');
  assert.equal(document.getText(), original);
});

hostTest('a container without a command: no action VS Code would apply (the Refactor menu lists it disabled)', async () => {
  // vscode.executeCodeActionProvider returns only enabled actions; the disabled one and its reason are
  // checked in the Refactor menu by test/ui/convert-code-action.test.ts.
  const editor = await openEditor('no-command.yaml');
  assert.deepEqual(await rewriteActions(editor.document.uri, positionOf(editor.document, 'kind: Pod')), []);
  const original = editor.document.getText();
  await vscode.commands.executeCommand('kueue.convertToSequential');
  assert.equal(editor.document.getText(), original);
});

hostTest('a container without a command has a quick fix that adds a command skeleton, after which convert is offered', async () => {
  const editor = await openEditor('no-command.yaml');
  const { document } = editor;
  const at = positionOf(document, 'name: step2');
  const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(at, at), vscode.CodeActionKind.QuickFix.value);
  const fix = fixes.find((a) => a.title === 'Add a command to container "step2"');
  assert.ok(fix?.edit, `no quick fix among: ${fixes.map((a) => a.title).join(', ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.match(document.getText(), /\n {2}- name: step2\n {4}image: busybox\n {4}command: \["\/bin\/sh", "-c", "TODO"\]\n?/);
  // The provider analyses the current text, so the action is there as soon as the edit is.
  const actions = await rewriteActions(document.uri, positionOf(document, 'kind: Pod'));
  assert.deepEqual(actions.map((a) => a.title), ['Convert to sequential containers']);
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

hostTest('the editor command converts the documents under every selection as one undoable edit', async () => {
  const editor = await openEditor('three-documents.yaml');
  const { document } = editor;
  const original = document.getText();
  const first = positionOf(document, 'name: first');
  const second = positionOf(document, 'name: second');
  editor.selections = [new vscode.Selection(first, first), new vscode.Selection(second, second)];
  await vscode.commands.executeCommand('kueue.convertToSequential');
  const text = await waitFor('both documents converted', () => {
    const now = document.getText();
    return now.split('kueueleuleu-prepare').length === 3 ? now : undefined;
  });
  assert.ok(text.endsWith(original.slice(original.indexOf('---\n# Not a workload'))), 'the ConfigMap document changed');
  await vscode.commands.executeCommand('undo');
  assert.equal(document.getText(), original);
});
