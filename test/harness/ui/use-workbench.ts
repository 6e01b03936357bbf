import { type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './chromium.js';
import { type UiEnvironment } from './ui-environment.js';
import { Workbench } from './workbench.js';
import { createWorkspace } from './workspace.js';

export interface WorkbenchSession {
  workbench: Workbench;
  /** The workspace folder the window shows (copies of the fixtures). */
  folder: string;
}

/**
 * For a describe block: a Chromium window on a new workspace folder with the given fixtures, opened before
 * the first test and closed after the last. A failing test leaves a screenshot named after it. Call it in
 * a `describe.skipIf(!ui.available)` block.
 */
export function useWorkbench(
  ui: UiEnvironment,
  name: string,
  fixtures: readonly string[],
  /** Runs in beforeAll on the new folder, before the window opens (e.g. to write its settings). */
  prepare?: (folder: string) => Promise<void>,
): () => WorkbenchSession {
  let browser: Browser | undefined;
  let session: WorkbenchSession | undefined;
  beforeAll(async () => {
    // Suites are skipped when the UI is unavailable; their hooks never run then.
    if (!ui.available) throw new Error(ui.reason);
    const folder = await createWorkspace(ui.workspacesDir, name, fixtures);
    await prepare?.(folder);
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
