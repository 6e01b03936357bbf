/** What the activation probe measured in one fresh window (see activation-probe.ts). */
export interface ActivationSample {
  /** `activate()` called -> resolved: loading extension.js and running its activate function. */
  activateMs: number;
  /** Loading the lazily loaded cluster bundle (Kubernetes client, queue core, executor) on first use. */
  clusterBundleMs: number;
  wasActive: boolean;
  /** Whether activation loaded the cluster bundle (it must not). */
  clusterLoadedByActivation: boolean;
  /** Whether activation loaded the authoring bundle (it must not: it loads with the first YAML request). */
  authoringLoadedByActivation: boolean;
}

/** Beside the window's workspace folder: the bench knows the folder, the extension host knows nothing else. */
export function activationReportPath(workspaceFolder: string): string {
  return `${workspaceFolder.replace(/[/\\]+$/, '')}.activation.json`;
}
