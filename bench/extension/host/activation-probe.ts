// Runs inside code-server's extension host as `extensionTestsPath` (see bench/extension/code-server-bench.ts):
// activates the Kueue extension, which nothing has activated yet in this fresh window, and times it.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { type ActivationSample, activationReportPath } from './activation-report.js';

function bundleLoaded(name: string): boolean {
  return Object.keys(require.cache).some((file) => file.endsWith(`${path.sep}lib${path.sep}${name}.js`));
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const extension = vscode.extensions.getExtension('kueue.kueue');
  if (folder === undefined || extension === undefined) throw new Error('no workspace folder or no Kueue extension');
  const wasActive = extension.isActive;
  const started = performance.now();
  await extension.activate();
  const activateMs = performance.now() - started;
  const clusterLoadedByActivation = bundleLoaded('cluster-cluster-module');
  const authoringLoadedByActivation = bundleLoaded('authoring-authoring-module');
  const bundle = path.join(extension.extensionPath, 'dist', 'lib', 'cluster-cluster-module.js');
  const loadStarted = performance.now();
  // The same require the extension's lazy import compiles to.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(bundle);
  const clusterBundleMs = performance.now() - loadStarted;
  const sample: ActivationSample = { activateMs, clusterBundleMs, wasActive, clusterLoadedByActivation, authoringLoadedByActivation };
  await writeFile(activationReportPath(folder), JSON.stringify(sample));
}
