import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../repo-root.js';

export const FIXTURES_DIR = path.join(repoRoot(), 'test', 'ui', 'fixtures');

/**
 * A new folder under `parent` holding copies of the given fixture files (paths relative to
 * test/ui/fixtures/, kept as they are), for one window to open. Every window gets its own, so tests never
 * see each other's edits or restored editors.
 */
export async function createWorkspace(parent: string, name: string, fixtures: readonly string[]): Promise<string> {
  await mkdir(parent, { recursive: true });
  const folder = await mkdtemp(path.join(parent, `${name}-`));
  for (const fixture of fixtures) {
    await mkdir(path.dirname(path.join(folder, fixture)), { recursive: true });
    await cp(path.join(FIXTURES_DIR, fixture), path.join(folder, fixture));
  }
  return folder;
}
