import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type TestProject } from 'vitest/node';
import { packageExtension } from '../../../extension/scripts/package-extension.js';
import { repoRoot } from '../repo-root.js';
import { buildHostTests, buildProbeVsix } from './bundles.js';
import { chromiumAvailable, chromiumPath } from './chromium.js';
import { CODE_SERVER_VERSION, installCodeServer, startCodeServer } from './code-server.js';
import { ensureFreshBundles } from '../../helpers/fresh-bundles.js';
import { TEST_KEYBINDINGS } from './ui-environment.js';

/**
 * One code-server for the whole UI suite: installs it (cached), packages the extension and the probe as
 * .vsix files, installs both, starts the server and hands its address to the test files. Each file opens
 * its own window (a Chromium page on its own workspace folder).
 *
 * Without Chromium or code-server the suite is skipped with a message, except in CI (`CI=true`) or with
 * `KUEUE_REQUIRE_UI=1`, where that fails the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string) => process.stderr.write(`[ui] ${line}\n`);
  const required = isSet(process.env['CI']) || process.env['KUEUE_REQUIRE_UI'] === '1';
  const root = repoRoot();
  const unavailable = (reason: string): (() => Promise<void>) => {
    if (required) throw new Error(`the UI suite cannot run: ${reason}`);
    project.provide('ui', { available: false, reason });
    return () => {
      const suites = readdirSync(path.join(root, 'test', 'ui')).filter((f) => f.endsWith('.test.ts')).length;
      process.stderr.write(`\n[ui] SKIPPED ${suites} UI suite(s): ${reason}\n`);
      return Promise.resolve();
    };
  };

  if (!chromiumAvailable()) return unavailable(`no Chromium at ${chromiumPath()} (apt-get install chromium, or set KUEUE_CHROMIUM)`);
  let launcher: string;
  try {
    launcher = await installCodeServer(path.join(root, 'test', 'harness', 'ui', 'install-code-server.sh'), log);
  } catch (err) {
    return unavailable(`code-server ${CODE_SERVER_VERSION} could not be installed: ${err instanceof Error ? err.message : String(err)}`);
  }

  await ensureFreshBundles(root, log);
  const work = await mkdtemp(path.join(os.tmpdir(), 'kueue-ui-build-'));
  const extensionDir = path.join(root, 'extension');
  const [vsix, probe, hostTestsPath] = await Promise.all([
    packageExtension({ extensionDir, outDir: work, quiet: true }),
    buildProbeVsix(work),
    buildHostTests(work),
  ]);
  const probePortDir = path.join(work, 'probe-ports');
  await mkdir(probePortDir);
  const server = await startCodeServer({ launcher, vsixes: [vsix, probe], settings: { 'kueueProbe.portDir': probePortDir }, keybindings: TEST_KEYBINDINGS, log });
  project.provide('ui', {
    available: true,
    url: server.url,
    port: server.port,
    probePortDir,
    workspacesDir: path.join(server.root, 'workspaces'),
    extensionDir,
    hostTestsPath,
    screenshotDir: path.join(root, 'test-results', 'ui'),
  });
  return async () => {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  };
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}
