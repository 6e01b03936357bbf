import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root: scripts and tests run from it or below it (npm sets the cwd to the package). */
export function repoRoot(): string {
  let dir = process.cwd();
  while (!existsSync(path.join(dir, 'crds', 'taskactions.flyte.org.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`run this from inside the kueue repository (cwd: ${process.cwd()})`);
    dir = parent;
  }
  return dir;
}
