import * as vscode from 'vscode';
import { COMMANDS } from '../command-ids.js';
import { NAMESPACES } from '../../../shared/kube/index.js';
import { isDns1123Subdomain } from '../../../shared/task-action/index.js';
import { loadClusterApi } from './cluster-api.js';
import { type ClusterSession } from './cluster-session.js';
import { SETTINGS, clusterTarget, updateClusterSetting } from './cluster-settings.js';
import { errorText } from './error-text.js';

const KUBECTL_DEFAULT = '$(discard) Use the kubeconfig\'s current context';
const CONTEXT_DEFAULT_NAMESPACE = '$(discard) Use the context\'s namespace';
const OTHER_NAMESPACE = '$(edit) Other namespace...';

/**
 * "Switch Context" and "Switch Namespace": quick picks that write the `kueue.context` / `kueue.namespace`
 * settings (the session follows them). Namespaces are listed from the cluster when the user may list them;
 * otherwise, or for one not listed, the name is typed.
 */
export function registerClusterCommands(session: ClusterSession): vscode.Disposable {
  const switchContext = async () => {
    const api = await loadClusterApi();
    let contexts: { names: string[]; current: string };
    try {
      contexts = api.kubeconfigContexts(clusterTarget());
    } catch (err) {
      void vscode.window.showErrorMessage(`Kueue: ${errorText(err)}`);
      return;
    }
    const chosen = clusterTarget().context;
    const items: vscode.QuickPickItem[] = [
      { label: KUBECTL_DEFAULT, description: contexts.current !== '' ? contexts.current : undefined },
      ...contexts.names.map((name) => ({ label: name, description: name === (chosen || contexts.current) ? 'in use' : undefined })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: 'Kueue: Switch Context', placeHolder: 'The context whose TaskActions to show and execute' });
    if (pick === undefined) return;
    await updateClusterSetting(SETTINGS.context, pick.label === KUBECTL_DEFAULT ? '' : pick.label);
    // A namespace chosen for the old cluster rarely exists in the new one: start from the context's own.
    await updateClusterSetting(SETTINGS.namespace, '');
  };

  const switchNamespace = async () => {
    const connected = await session.connect();
    let names: string[] = [];
    let listError = '';
    if (connected !== undefined) {
      try {
        const list = await connected.connection.client.list(NAMESPACES, undefined);
        names = list.items.map((ns) => ns.metadata.name ?? '').filter((n) => n !== '').sort();
      } catch (err) {
        listError = errorText(err);
      }
    }
    const inUse = connected?.connection.namespace;
    const items: vscode.QuickPickItem[] = [
      { label: CONTEXT_DEFAULT_NAMESPACE },
      ...names.map((name) => ({ label: name, description: name === inUse ? 'in use' : undefined })),
      { label: OTHER_NAMESPACE, description: listError !== '' ? `namespaces cannot be listed: ${listError}` : undefined },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: 'Kueue: Switch Namespace', placeHolder: `Namespace of ${session.where}` });
    if (pick === undefined) return;
    let namespace = pick.label;
    if (pick.label === CONTEXT_DEFAULT_NAMESPACE) namespace = '';
    if (pick.label === OTHER_NAMESPACE) {
      const typed = await vscode.window.showInputBox({
        title: 'Kueue: Switch Namespace',
        prompt: 'Namespace name',
        value: inUse ?? '',
        validateInput: (value) => (value === '' || (isDns1123Subdomain(value) && !value.includes('.')) ? undefined : 'a namespace name is lower case letters, digits and -'),
      });
      if (typed === undefined) return;
      namespace = typed;
    }
    await updateClusterSetting(SETTINGS.namespace, namespace);
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.switchContext, switchContext),
    vscode.commands.registerCommand(COMMANDS.switchNamespace, switchNamespace),
  );
}
