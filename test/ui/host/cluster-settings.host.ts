import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './host-helpers.js';
import { hostTest } from './host-test.js';

interface ContributedSetting {
  scope?: string;
}

hostTest('kueue.kubeconfig is a window setting, so user and workspace settings offer it (not only remote ones)', async () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const json = extension.packageJSON as { contributes: { configuration: { properties: Record<string, ContributedSetting> } } };
  assert.equal(json.contributes.configuration.properties['kueue.kubeconfig']?.scope, 'window');
  // As a window setting it can be written to the workspace, which a machine setting cannot.
  await vscode.workspace.getConfiguration('kueue').update('kubeconfig', '/nonexistent/kubeconfig', vscode.ConfigurationTarget.Workspace);
  try {
    assert.equal(vscode.workspace.getConfiguration('kueue').inspect<string>('kubeconfig')?.workspaceValue, '/nonexistent/kubeconfig');
  } finally {
    await vscode.workspace.getConfiguration('kueue').update('kubeconfig', undefined, vscode.ConfigurationTarget.Workspace);
  }
});

hostTest('Switch Namespace writes the workspace settings and leaves the user settings alone', async () => {
  const config = () => vscode.workspace.getConfiguration('kueue');
  await config().update('namespace', 'from-user-settings', vscode.ConfigurationTarget.Global);
  await config().update('namespace', undefined, vscode.ConfigurationTarget.Workspace);
  try {
    let settled = false;
    // The first item is "Use the context's namespace": accept it once the quick pick is open.
    const switched = Promise.resolve(vscode.commands.executeCommand('kueue.switchNamespace')).finally(() => (settled = true));
    const deadline = Date.now() + 30_000;
    while (!settled) {
      assert.ok(Date.now() < deadline, 'Switch Namespace did not finish within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await switched;
    const inspected = config().inspect<string>('namespace');
    assert.equal(inspected?.workspaceValue, '', 'the context default was not written to the workspace settings');
    assert.equal(inspected?.globalValue, 'from-user-settings', 'the user settings changed');
  } finally {
    await config().update('namespace', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('namespace', undefined, vscode.ConfigurationTarget.Global);
  }
});
