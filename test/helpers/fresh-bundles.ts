import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What esbuild.mjs writes, and what it reads (a directory stands for every file below it). */
const BUNDLES = ['dist/kubectl-kueue', 'extension/dist/extension.js'];
const SOURCES = ['kubectl-plugin', 'shared', 'extension/src', 'extension/package.json', 'crds', 'esbuild.mjs', 'package.json'];

/**
 * Rebuilds the bundles (`node esbuild.mjs`) when one is missing or older than any source it is built from, so
 * no test runs stale code; after `npm run build` (as in `npm test`) it does nothing.
 */
export async function ensureFreshBundles(root: string, log: (line: string) => void): Promise<void> {
  const built = Math.min(...BUNDLES.map((bundle) => path.join(root, bundle)).map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
  if (built > 0 && SOURCES.every((source) => newestModification(path.join(root, source)) <= built)) return;
  const started = Date.now();
  await run(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root });
  log(`rebuilt the bundles in ${Date.now() - started} ms (they were missing or older than their sources)`);
}

function newestModification(file: string): number {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(file, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
