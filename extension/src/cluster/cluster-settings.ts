import * as vscode from 'vscode';
import { type ClusterTarget } from './cluster-target.js';

export const SETTINGS = {
  section: 'kueue',
  kubeconfig: 'kubeconfig',
  context: 'context',
  namespace: 'namespace',
  executorConcurrency: 'executor.concurrency',
  executorAutoStart: 'executor.autoStart',
  notifyRunFinished: 'notifications.runFinished',
} as const;

const TARGET_KEYS = [SETTINGS.kubeconfig, SETTINGS.context, SETTINGS.namespace];

function setting(key: string): string {
  return vscode.workspace.getConfiguration(SETTINGS.section).get<string>(key, '').trim();
}

/** The cluster the settings name; `~` in the kubeconfig path is the home directory, as in a shell. */
export function clusterTarget(): ClusterTarget {
  const kubeconfig = setting(SETTINGS.kubeconfig);
  const home = process.env['HOME'] ?? '';
  return {
    kubeconfig: kubeconfig.startsWith('~/') && home !== '' ? `${home}${kubeconfig.slice(1)}` : kubeconfig,
    context: setting(SETTINGS.context),
    namespace: setting(SETTINGS.namespace),
  };
}

export function affectsClusterTarget(event: vscode.ConfigurationChangeEvent): boolean {
  return TARGET_KEYS.some((key) => event.affectsConfiguration(`${SETTINGS.section}.${key}`));
}

/** The concurrency the user chose; undefined (the engine's default, as the CLI's) when unset or not a count. */
export function executorConcurrency(): number | undefined {
  const value = vscode.workspace.getConfiguration(SETTINGS.section).get<number>(SETTINGS.executorConcurrency);
  return value !== undefined && Number.isInteger(value) && value >= 1 ? value : undefined;
}

/** Settings the running executor must restart for (autoStart only matters when the window opens). */
export function affectsExecutorTuning(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.executorConcurrency}`);
}

export function executorAutoStart(): boolean {
  return vscode.workspace.getConfiguration(SETTINGS.section).get<boolean>(SETTINGS.executorAutoStart, false);
}

export function runNotificationsEnabled(): boolean {
  return vscode.workspace.getConfiguration(SETTINGS.section).get<boolean>(SETTINGS.notifyRunFinished, true);
}

/**
 * Writes a cluster setting for the window it is chosen in: in the workspace's settings when a folder or workspace
 * is open (as the Kubernetes extension does, so each project keeps its own namespace), else in the user settings.
 * Empty means "kubectl's default"; in a workspace it is written as an empty string when the user settings hold a
 * value, which would otherwise show through.
 */
export async function updateClusterSetting(key: string, value: string): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS.section);
  const hasWorkspace = vscode.workspace.workspaceFile !== undefined || (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  if (hasWorkspace) {
    const shadowed = config.inspect<string>(key)?.globalValue !== undefined;
    await config.update(key, value === '' && !shadowed ? undefined : value, vscode.ConfigurationTarget.Workspace);
  } else {
    await config.update(key, value === '' ? undefined : value, vscode.ConfigurationTarget.Global);
  }
}
