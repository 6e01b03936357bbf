import * as esbuild from 'esbuild';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Browser } from 'playwright-core';
import { packageExtension } from '../../extension/scripts/package-extension.js';
import { type KubeClient } from '../../shared/kube/kube-client.js';
import { repoRoot } from '../../test/harness/repo-root.js';
import { buildProbeVsix } from '../../test/harness/ui/bundles.js';
import { chromiumAvailable, launchChromium } from '../../test/harness/ui/chromium.js';
import { installCodeServer, startCodeServer } from '../../test/harness/ui/code-server.js';
import { ensureFreshBundles } from '../../test/helpers/fresh-bundles.js';
import { runInExtensionHost } from '../../test/harness/ui/extension-host-runner.js';
import { Workbench } from '../../test/harness/ui/workbench.js';
import { createWorkspace } from '../../test/harness/ui/workspace.js';
import { type ActivationSample, activationReportPath } from './host/activation-report.js';
import { extensionHostPids, residentBytes } from './process-memory.js';
import { type RunsViewResult, benchRunsView } from './runs-view-bench.js';
import { BENCH_SCOPE } from './seed-task-actions.js';
import { patchPhase } from './status-patch.js';

export interface CodeServerResult {
  activations: ActivationSample[];
  /** Left out with `--runs-view-only`. */
  largeTree: LargeTreeResult | undefined;
  /** The view on 50 runs of 10 actions: open and filter, with their floors. */
  runsView: RunsViewResult;
}

export interface LargeTreeResult {
  /** Extension host RSS of the window before the view opened (Kueue not active), and with the tree shown. */
  hostRssBefore: number;
  hostRssWithTree: number;
  /** Click on the activity bar entry -> the first rows drawn (activation, cluster bundle, list, render). */
  firstRowsMs: number;
  /** Status patch sent -> the row's description in the page shows the new phase. */
  uiUpdateMs: number[];
}

async function buildActivationProbe(workDir: string): Promise<string> {
  const outfile = path.join(workDir, 'activation-probe', 'index.js');
  await esbuild.build({
    entryPoints: [path.join(repoRoot(), 'bench', 'extension', 'host', 'activation-probe.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outfile;
}

const rowShows = (label: string, phase: string) => `(() => {
  for (const row of document.querySelectorAll('.monaco-list-row')) {
    if (row.querySelector('.label-name')?.textContent !== ${JSON.stringify(label)}) continue;
    return (row.querySelector('.label-description')?.textContent ?? '').startsWith(${JSON.stringify(phase)});
  }
  return false;
})()`;

/**
 * The extension in a real VS Code (code-server) against the seeded namespace: activation time in fresh windows,
 * the extension host's memory with the 5,000-row tree, and the time from a status change on the cluster to the
 * row showing it in the page.
 */
export async function benchCodeServer(options: {
  kubeconfig: string;
  namespace: string;
  client: KubeClient;
  windows: number;
  uiSamples: number;
  /** Whether to measure the 5,000-action namespace (`namespace`) in the page. */
  largeTree: boolean;
  /** The namespaces of the 50-run measures (seeded here) and of the empty view, and a plain client's list of the first. */
  runsView: { namespace: string; emptyNamespace: string; client: KubeClient; list: () => Promise<number>; windows: number };
  log: (line: string) => void;
}): Promise<CodeServerResult | { skipped: string }> {
  if (!chromiumAvailable()) return { skipped: 'no Chromium' };
  const root = repoRoot();
  const launcher = await installCodeServer(path.join(root, 'test', 'harness', 'ui', 'install-code-server.sh'), options.log);
  await ensureFreshBundles(root, options.log);
  const work = await mkdtemp(path.join(os.tmpdir(), 'kueue-bench-ext-'));
  const extensionDir = path.join(root, 'extension');
  const [vsix, probe, activationProbe] = await Promise.all([
    packageExtension({ extensionDir, outDir: work, quiet: true }),
    buildProbeVsix(work),
    buildActivationProbe(work),
  ]);
  const probePortDir = path.join(work, 'probe-ports');
  await mkdir(probePortDir);
  const server = await startCodeServer({
    launcher,
    vsixes: [vsix, probe],
    settings: { 'kueueProbe.portDir': probePortDir, 'kueue.kubeconfig': options.kubeconfig, 'kueue.namespace': options.namespace },
    log: options.log,
  });
  let browser: Browser | undefined;
  try {
    const owner = JSON.parse(await readFile(path.join(server.root, 'owner.json'), 'utf8')) as { server: number };
    browser = await launchChromium();
    const workspaces = path.join(server.root, 'workspaces');

    const largeTree = options.largeTree ? await benchLargeTree(browser, { ...options, url: server.url, serverPid: owner.server, workspaces, probePortDir }) : undefined;

    const activations: ActivationSample[] = [];
    for (let i = 0; i < options.windows; i++) {
      const windowFolder = await createWorkspace(workspaces, 'bench-activation', ['train-pod.yaml']);
      const run = await runInExtensionHost(browser, { url: server.url, port: server.port, extensionDir, testsPath: activationProbe, folder: windowFolder, timeoutMs: 120_000 });
      if (run.exitCode !== 0) throw new Error(`the activation probe failed:\n${run.console.slice(-30).join('\n')}`);
      activations.push(JSON.parse(await readFile(activationReportPath(windowFolder), 'utf8')) as ActivationSample);
    }
    options.log(`activation in ${activations.map((a) => a.activateMs.toFixed(1)).join(', ')} ms`);
    const runsView = await benchRunsView({
      ...options.runsView,
      browser,
      serverUrl: server.url,
      serverPid: owner.server,
      workspaces,
      probePortDir,
      screenshotDir: path.join(root, 'test-results', 'bench'),
      log: options.log,
    });
    return { activations, largeTree, runsView };
  } finally {
    await browser?.close();
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/** The 5,000-action namespace in one window: the tree drawn, the extension host's memory, status change -> row. */
async function benchLargeTree(
  browser: Browser,
  options: { url: string; serverPid: number; workspaces: string; probePortDir: string; client: KubeClient; namespace: string; uiSamples: number; log: (line: string) => void },
): Promise<LargeTreeResult> {
  const { workspaces, probePortDir } = options;
    const folder = await createWorkspace(workspaces, 'bench-tree', ['train-pod.yaml']);
    const workbench = await Workbench.open(browser, { url: options.url, folder, probePortDir, screenshotDir: path.join(repoRoot(), 'test-results', 'bench') });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const [host] = extensionHostPids(options.serverPid);
    if (host === undefined) throw new Error('no extension host process found under the code-server process');
    const hostRssBefore = residentBytes(host);
    const clicked = performance.now();
    await workbench.page.locator('.activitybar a[aria-label^="Kueue"]').first().click();
    await workbench.page.locator('.monaco-list-row .label-name', { hasText: /^run-\d{3}$/ }).first().waitFor({ timeout: 120_000 });
    const firstRowsMs = performance.now() - clicked;
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const hostRssWithTree = residentBytes(host);
    options.log(`tree shown after ${firstRowsMs.toFixed(0)} ms; extension host RSS ${(hostRssBefore / 2 ** 20).toFixed(0)} -> ${(hostRssWithTree / 2 ** 20).toFixed(0)} MiB`);
    await workbench.screenshot('bench-5000-taskactions');

    const labels = (await workbench.page.locator('.monaco-list-row .label-name').allInnerTexts()).filter((l) => /^run-\d{3}$/.test(l)).slice(0, 10);
    const uiUpdateMs: number[] = [];
    for (let i = 0; i < options.uiSamples; i++) {
      const run = labels[i % labels.length] ?? 'run-000';
      const phase = Math.floor(i / labels.length) % 2 === 0 ? 'Running' : 'Succeeded';
      const started = performance.now();
      await patchPhase(options.client, options.namespace, `${BENCH_SCOPE.org}-${BENCH_SCOPE.project}-${BENCH_SCOPE.domain}-${run}-a0`, phase, `ui sample ${i}`);
      await workbench.page.waitForFunction(rowShows(run, phase), undefined, { polling: 10, timeout: 30_000 });
      uiUpdateMs.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 150 + ((i * 37) % 200)));
    }
    await workbench.close();
  return { hostRssBefore, hostRssWithTree, firstRowsMs, uiUpdateMs };
}
