import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type UiEnvironment } from './ui-environment.js';
import { type WorkbenchSession, useWorkbench } from './use-workbench.js';

export type ClusterWorkbenchSession = WorkbenchSession;

/**
 * Like `useWorkbench`, for the TaskAction suites: the window's workspace settings point the extension at a
 * kubeconfig and namespace (as a user's `.vscode/settings.json` would), written before the window opens.
 * `settings` is called in beforeAll, when the test's namespace exists.
 */
export function useClusterWorkbench(
  ui: UiEnvironment,
  name: string,
  fixtures: readonly string[],
  settings: () => Record<string, unknown> | Promise<Record<string, unknown>>,
): () => ClusterWorkbenchSession {
  return useWorkbench(ui, name, fixtures, async (folder) => {
    await mkdir(path.join(folder, '.vscode'), { recursive: true });
    await writeFile(path.join(folder, '.vscode', 'settings.json'), JSON.stringify(await settings(), null, 2));
  });
}
