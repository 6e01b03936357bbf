import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './chromium.js';
import { type UiEnvironment } from './ui-environment.js';
import { Workbench } from './workbench.js';
import { createWorkspace } from './workspace.js';

export interface ClusterWorkbenchSession {
  workbench: Workbench;
  folder: string;
}

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
  let browser: Browser | undefined;
  let session: ClusterWorkbenchSession | undefined;
  beforeAll(async () => {
    if (!ui.available) throw new Error(ui.reason);
    const folder = await createWorkspace(ui.workspacesDir, name, fixtures);
    await mkdir(path.join(folder, '.vscode'), { recursive: true });
    await writeFile(path.join(folder, '.vscode', 'settings.json'), JSON.stringify(await settings(), null, 2));
    browser = await launchChromium();
    const workbench = await Workbench.open(browser, { url: ui.url, folder, probePortDir: ui.probePortDir, screenshotDir: ui.screenshotDir });
    session = { workbench, folder };
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && session !== undefined) {
      await session.workbench.screenshot(`FAILED-${name}-${context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`);
    }
  });
  afterAll(async () => {
    await session?.workbench.close();
    await browser?.close();
  });
  return () => {
    if (session === undefined) throw new Error('the workbench did not open (see the beforeAll error)');
    return session;
  };
}
