import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { convertManifest } from '../../../shared/convert/manifest-transform.js';
import { openEditor, readWorkspaceFile, waitFor, workspaceFile } from './host-helpers.js';
import { hostTest } from './host-test.js';

hostTest('convert file(s) converts and saves each file, skips other kinds, and leaves a failing file untouched', async () => {
  const names = ['files/pods.yaml', 'files/cron.yml', 'files/settings.yaml', 'files/broken.yaml'];
  const before = new Map(await Promise.all(names.map(async (n) => [n, await readWorkspaceFile(n)] as const)));
  const uris = names.map(workspaceFile);
  await vscode.commands.executeCommand('kueue.convertFiles', uris[0], uris);
  for (const name of ['files/pods.yaml', 'files/cron.yml']) {
    const expected = convertManifest(before.get(name) ?? '').chunks.join('');
    assert.equal(await readWorkspaceFile(name), expected, `${name} on disk`);
  }
  assert.equal(await readWorkspaceFile('files/settings.yaml'), before.get('files/settings.yaml'));
  assert.equal(await readWorkspaceFile('files/broken.yaml'), before.get('files/broken.yaml'));
  // Converting again skips what is already converted instead of failing.
  const converted = await readWorkspaceFile('files/pods.yaml');
  await vscode.commands.executeCommand('kueue.convertFiles', uris[0], [uris[0]]);
  assert.equal(await readWorkspaceFile('files/pods.yaml'), converted);
});

hostTest('convert file(s) on a file with unsaved changes converts the editor text and leaves saving to the user', async () => {
  const editor = await openEditor('bare-pod.yaml');
  const onDisk = await readWorkspaceFile('bare-pod.yaml');
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# edited\n'));
  const edited = editor.document.getText();
  await vscode.commands.executeCommand('kueue.convertFiles', editor.document.uri, [editor.document.uri]);
  await waitFor('the buffer to be converted', () => (editor.document.getText().includes('kueueleuleu-prepare') ? true : undefined));
  assert.equal(editor.document.getText(), convertManifest(edited).chunks.join(''));
  assert.equal(editor.document.isDirty, true);
  assert.equal(await readWorkspaceFile('bare-pod.yaml'), onDisk);
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

function convertProblems(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'convert-failed');
}

hostTest('convert file(s) puts a failing file in the Problems panel on its line, and clears it once it converts', async () => {
  const uri = workspaceFile('files/problem.yaml');
  const broken = await readWorkspaceFile('files/broken.yaml');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(broken));
  await vscode.commands.executeCommand('kueue.convertFiles', uri, [uri]);
  const [problem] = await waitFor('the convert problem', () => (convertProblems(uri).length > 0 ? convertProblems(uri) : undefined));
  assert.equal(problem?.severity, vscode.DiagnosticSeverity.Error);
  assert.match(problem?.message ?? '', /Job\/broken/);
  assert.match(problem?.message ?? '', /command/);
  const lines = broken.split('\n');
  assert.match(lines[problem?.range.start.line ?? -1] ?? '', /no-command|image: busybox/, 'the problem is not on the container without a command');

  const fixed = broken.replace(/(- name: no-command\n {8}image: busybox\n)/, '$1        command: [echo, two]\n');
  assert.notEqual(fixed, broken);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(fixed));
  await vscode.commands.executeCommand('kueue.convertFiles', uri, [uri]);
  await waitFor('the problem to go away', () => (convertProblems(uri).length === 0 ? true : undefined));
  assert.match(await readWorkspaceFile('files/problem.yaml'), /kueueleuleu/);
});

hostTest('convert and revert file(s) on a folder take every .yaml/.yml file under it and skip other files', async () => {
  // Written here: the fixtures under files/ were converted by the tests above.
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  restartPolicy: Never\n  containers:\n  - name: one\n    image: busybox\n    command: [echo, one]\n  - name: two\n    image: busybox\n    command: [echo, two]\n';
  const cron = pod.replace('name: a', 'name: b');
  const files: [string, string][] = [
    ['tree/a.yaml', pod],
    ['tree/deeper/b.yml', cron],
    ['tree/notes.txt', 'kind: Pod\n'],
  ];
  for (const [name, text] of files) await vscode.workspace.fs.writeFile(workspaceFile(name), new TextEncoder().encode(text));
  const folder = workspaceFile('tree');

  await vscode.commands.executeCommand('kueue.convertFiles', folder, [folder]);
  assert.equal(await readWorkspaceFile('tree/a.yaml'), convertManifest(pod).chunks.join(''));
  assert.equal(await readWorkspaceFile('tree/deeper/b.yml'), convertManifest(cron).chunks.join(''));
  assert.equal(await readWorkspaceFile('tree/notes.txt'), 'kind: Pod\n');
  assert.deepEqual(convertProblems(workspaceFile('tree/notes.txt')), []);

  await vscode.commands.executeCommand('kueue.revertFiles', folder, [folder]);
  assert.equal(await readWorkspaceFile('tree/a.yaml'), pod);
  assert.equal(await readWorkspaceFile('tree/deeper/b.yml'), cron);
  // Reverting again skips files that are not converted instead of failing.
  await vscode.commands.executeCommand('kueue.revertFiles', folder, [folder]);
  assert.equal(await readWorkspaceFile('tree/a.yaml'), pod);
  assert.deepEqual(convertProblems(workspaceFile('tree/a.yaml')), []);
});
