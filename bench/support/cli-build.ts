import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../test/harness/repo-root.js';

/** Set by bench/run.ts after it built once, so each bench does not build again. */
export const SKIP_BUILD_ENV = 'KUEUE_BENCH_SKIP_BUILD';

/**
 * The CLI bundle, built from the current sources: numbers of a stale `dist/` would describe other code. A run
 * of all benches builds once and tells the others to skip.
 */
export function builtCli(): string {
  const root = repoRoot();
  const cli = path.join(root, 'dist', 'kubectl-kueue');
  if (process.env[SKIP_BUILD_ENV] !== '1' || !existsSync(cli)) buildCli(root);
  return cli;
}

export function buildCli(root: string = repoRoot()): void {
  const result = spawnSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`building the CLI failed (exit ${result.status}); run \`npm run build\` to see why`);
}
