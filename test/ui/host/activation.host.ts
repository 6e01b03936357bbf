import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openEditor, positionOf, rewriteActions, waitFor } from './host-helpers.js';
import { hostTest } from './host-test.js';

/** Whether the extension's lazily loaded YAML layer (extension/dist/lib/convert-convert-module.js) is in memory. */
function convertLayerLoaded(): boolean {
  return Object.keys(require.cache).some((file) => /[/\\]dist[/\\]lib[/\\]convert-convert-module\.js$/.test(file));
}

hostTest('a YAML file activates the extension, which registers its commands without loading the YAML layer', async () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  assert.equal(convertLayerLoaded(), false, 'the YAML layer was loaded before anything asked for it');
  await openEditor('workflow.yaml');
  await waitFor('activation on a YAML file', () => (extension.isActive ? true : undefined));
  const commands = await vscode.commands.getCommands(true);
  for (const id of ['kueue.convertToSequential', 'kueue.revertToParallel', 'kueue.convertFiles']) assert.ok(commands.includes(id), `${id} not registered`);
  // A YAML file without Pods, Jobs or CronJobs is never parsed, not even for code actions.
  const editor = await openEditor('workflow.yaml');
  assert.deepEqual(await rewriteActions(editor.document.uri, new vscode.Position(2, 0)), []);
  assert.equal(convertLayerLoaded(), false, 'a workflow file made the extension load the YAML layer');
});

hostTest('the first code action request on a workload loads the YAML layer', async () => {
  const editor = await openEditor('three-documents.yaml');
  const actions = await rewriteActions(editor.document.uri, positionOf(editor.document, 'name: second'));
  assert.deepEqual(actions.map((a) => a.title), ['Convert to sequential containers']);
  assert.equal(convertLayerLoaded(), true);
});
