// The extension-host suite (test/ui/host/) in a desktop VS Code through @vscode/test-electron, for machines
// that have one: `VSCODE_EXECUTABLE=/path/to/code npm run test:ui:electron`. It never downloads VS Code.
// CI runs the same suite in code-server instead (test/ui/extension-host.test.ts).
import { runTests } from '@vscode/test-electron';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../repo-root.js';
import { buildHostTests } from './bundles.js';
import { ensureFreshBundles } from '../../helpers/fresh-bundles.js';
import { createHostWorkspace } from './host-workspace.js';
import { type HostReport, hostReportPath } from '../../ui/host/host-report.js';

async function main(): Promise<number> {
  const executable = process.env['VSCODE_EXECUTABLE'];
  if (executable === undefined || executable === '') {
    process.stderr.write('error: set VSCODE_EXECUTABLE to a desktop VS Code (1.100 or newer), e.g. VSCODE_EXECUTABLE=/usr/bin/code\n');
    return 2;
  }
  const root = repoRoot();
  await ensureFreshBundles(root, (line) => process.stderr.write(`${line}\n`));
  const work = await mkdtemp(path.join(os.tmpdir(), 'kueue-electron-'));
  try {
    const extensionTestsPath = await buildHostTests(work);
    const folder = await createHostWorkspace(path.join(work, 'workspaces'));
    const exitCode = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: path.join(root, 'extension'),
      extensionTestsPath,
      launchArgs: [
        folder,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        path.join(work, 'user-data'),
        '--extensions-dir',
        path.join(work, 'extensions'),
      ],
    }).catch(() => 1);
    const report = await readFile(hostReportPath(folder), 'utf8').then((text) => JSON.parse(text) as HostReport, () => undefined);
    if (report === undefined) process.stderr.write(`no report at ${hostReportPath(folder)}: VS Code did not run the suite (see its output above)\n`);
    const results = report?.results ?? [];
    for (const result of results) process.stdout.write(`${result.passed ? 'ok  ' : 'FAIL'} ${result.name}${result.error === undefined ? '' : `\n${result.error}`}\n`);
    const failed = results.filter((r) => !r.passed).length;
    process.stdout.write(`host tests: ${results.length - failed} passed, ${failed} failed\n`);
    return exitCode === 0 && report !== undefined ? 0 : 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
