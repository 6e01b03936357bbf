import { describe, expect, it } from 'vitest';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './harness/chromium.js';
import { runInExtensionHost } from './harness/extension-host-runner.js';
import { uiEnvironment } from './harness/ui-environment.js';
import { createWorkspace } from './harness/workspace.js';

const ui = uiEnvironment();

/** The suite in test/ui/host/, run inside code-server's extension host with extension/ under development. */
describe.skipIf(!ui.available)('extension-host suite (code-server)', () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('passes every test of test/ui/host', async () => {
    if (!ui.available || browser === undefined) throw new Error('no UI environment');
    const folder = await createWorkspace(ui.workspacesDir, 'extension-host', [
      'three-documents.yaml',
      'no-command.yaml',
      'bare-pod.yaml',
      'workflow.yaml',
      'files/pods.yaml',
      'files/cron.yml',
      'files/settings.yaml',
      'files/broken.yaml',
    ]);
    const run = await runInExtensionHost(browser, { url: ui.url, port: ui.port, extensionDir: ui.extensionDir, testsPath: ui.hostTestsPath, folder });
    const failures = (run.report?.results ?? []).filter((r) => !r.passed).map((r) => `${r.name}\n${r.error ?? ''}`);
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(run.report?.results.length, `no report; window output:\n${run.console.slice(-60).join('\n')}`).toBeGreaterThanOrEqual(10);
    expect(run.exitCode).toBe(0);
  });
});
