import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Rebuilds the bundles (`node esbuild.mjs`) when extension/dist is missing or older than any source it is
 * built from, so a UI run never tests stale code; after `npm run build` (as in `npm test`) it does nothing.
 */
export async function ensureExtensionBundle(root: string, log: (line: string) => void): Promise<void> {
  const bundle = path.join(root, 'extension', 'dist', 'extension.js');
  const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  const sources = [path.join(root, 'extension', 'src'), path.join(root, 'shared'), path.join(root, 'extension', 'package.json')];
  if (built > 0 && sources.every((source) => newestModification(source) <= built)) return;
  const started = Date.now();
  await run(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root });
  log(`rebuilt the bundles in ${Date.now() - started} ms (extension/dist was older than its sources)`);
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
