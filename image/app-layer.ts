import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type TarEntry } from './tar-archive.js';

/** Where the image keeps the plugin, and the command on its PATH. */
export const INSTALL_DIR = 'opt/kubectl-kueue';
export const COMMAND_LINK = 'usr/local/bin/kubectl-kueue';

/** What `npm run build` puts in dist/ that the image needs (dist/ holds other build outputs too). */
const DIST_FILES = ['kubectl-kueue', 'kubectl_complete-kueue'];
const DIST_FOLDERS = ['lib'];

export class MissingBuildError extends Error {}

/**
 * The entries of the plugin's layer: the bundles and the licence under /opt/kubectl-kueue, and
 * /usr/local/bin/kubectl-kueue pointing at the main bundle. Sorted by path, so the layer does not depend on the
 * order the file system lists them in; executables keep their mode bit, everything is root-owned.
 */
export async function appLayerEntries(repositoryRoot: string): Promise<TarEntry[]> {
  const dist = path.join(repositoryRoot, 'dist');
  const entries: TarEntry[] = [
    { type: 'directory', path: 'opt', mode: 0o755 },
    { type: 'directory', path: INSTALL_DIR, mode: 0o755 },
    { type: 'directory', path: 'usr', mode: 0o755 },
    { type: 'directory', path: 'usr/local', mode: 0o755 },
    { type: 'directory', path: 'usr/local/bin', mode: 0o755 },
    { type: 'symlink', path: COMMAND_LINK, target: `/${INSTALL_DIR}/kubectl-kueue` },
    await fileEntry(path.join(repositoryRoot, 'LICENSE'), `${INSTALL_DIR}/LICENSE`),
  ];
  for (const name of DIST_FILES) entries.push(await fileEntry(path.join(dist, name), `${INSTALL_DIR}/${name}`));
  for (const folder of DIST_FOLDERS) entries.push(...(await folderEntries(path.join(dist, folder), `${INSTALL_DIR}/${folder}`)));
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function folderEntries(source: string, target: string): Promise<TarEntry[]> {
  const names = await readdir(source).catch(() => missing(source));
  const entries: TarEntry[] = [{ type: 'directory', path: target, mode: 0o755 }];
  for (const name of names.sort()) {
    const child = path.join(source, name);
    const info = await stat(child);
    if (info.isDirectory()) entries.push(...(await folderEntries(child, `${target}/${name}`)));
    else if (info.isFile()) entries.push(await fileEntry(child, `${target}/${name}`));
  }
  return entries;
}

async function fileEntry(source: string, target: string): Promise<TarEntry> {
  const info = await stat(source).catch(() => missing(source));
  const data = await readFile(source);
  // Only the executable bit is kept from the build machine: its umask and owner must not change the layer.
  return { type: 'file', path: target, mode: info.mode & 0o100 ? 0o755 : 0o644, data };
}

function missing(source: string): never {
  throw new MissingBuildError(`${source} does not exist: run \`npm run build\` first, the image is made from its output`);
}
