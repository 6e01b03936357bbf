import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** The folders whose purpose the layout explains, and how deep (commands and benchmarks count as one `<name>`). */
const DOCUMENTED_ROOTS: [string, number][] = [
  ['shared', 2],
  ['kubectl-plugin', 2],
  ['extension', 2],
  ['test', 1],
  ['bench', 1],
];
const ONE_PER_NAME = ['kubectl-plugin/commands/', 'bench/'];

function foldersBelow(dir: string, depth: number): string[] {
  if (depth === 0) return [];
  return readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !['node_modules', 'dist'].includes(entry.name))
    .flatMap((entry) => {
      const relative = `${dir}/${entry.name}`;
      return [relative, ...foldersBelow(relative, depth - 1)];
    });
}

/** The fenced block under `## Layout` in CONTRIBUTING.md. */
function layoutBlock(): string {
  const text = readFileSync(path.join(root, 'CONTRIBUTING.md'), 'utf8');
  const section = text.slice(text.indexOf('## Layout'));
  const match = /```\n([\s\S]*?)```/.exec(section);
  if (match?.[1] === undefined) throw new Error('CONTRIBUTING.md has no layout block under "## Layout"');
  return match[1];
}

describe('CONTRIBUTING.md layout', () => {
  it('names every folder of the code', () => {
    const layout = layoutBlock();
    const named = new Set([...layout.matchAll(/([a-z.<>-]+)\//g)].map((m) => m[1]));
    const missing = DOCUMENTED_ROOTS.flatMap(([dir, depth]) => [dir, ...foldersBelow(dir, depth)])
      .filter((folder) => !ONE_PER_NAME.some((prefix) => folder.startsWith(prefix)) || folder.endsWith('/support'))
      .filter((folder) => !named.has(path.posix.basename(folder)));
    expect(missing).toEqual([]);
    expect(named.has('<name>')).toBe(true);
  });
});
