import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../harness/ui/chromium.js';
import { runInExtensionHost } from '../harness/ui/extension-host-runner.js';
import { uiEnvironment } from '../harness/ui/ui-environment.js';
import { createHostWorkspace } from '../harness/ui/host-workspace.js';

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
    const folder = await createHostWorkspace(ui.workspacesDir);
    const run = await runInExtensionHost(browser, { url: ui.url, port: ui.port, extensionDir: ui.extensionDir, testsPath: ui.hostTestsPath, folder });
    for (const r of run.report?.results ?? []) process.stdout.write(`  ${r.passed ? 'ok  ' : 'FAIL'} ${r.name} (${r.ms} ms)\n`);
    const failures = (run.report?.results ?? []).filter((r) => !r.passed).map((r) => `${r.name}\n${r.error ?? ''}`);
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(run.report?.results.length, `no report; window output:\n${run.console.slice(-60).join('\n')}`).toBeGreaterThanOrEqual(10);
    expect(run.exitCode).toBe(0);
  });
});
