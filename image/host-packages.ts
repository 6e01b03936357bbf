import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The Debian package that installed each path (dpkg's database names the paths before the /usr merge, so the path as
 * given is asked first, then where it resolves to). A path no package owns (a generated file) is left out, and so is
 * everything on a machine without dpkg.
 */
export async function owningPackages(paths: readonly string[], resolve: (p: string) => Promise<string>): Promise<string[]> {
  const packages = new Set<string>();
  for (const file of paths) {
    const owner = (await packageOf(file)) ?? (await packageOf(await resolve(file)));
    if (owner !== undefined) packages.add(owner);
  }
  return [...packages].sort();
}

async function packageOf(file: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('dpkg-query', ['-S', file]);
    // `libc6:amd64: /lib/x86_64-linux-gnu/libc.so.6`: the package, without its architecture.
    return /^([^:,\s]+)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

/** Where a Debian package keeps its licence notice, when it is there. */
export async function copyrightFileOf(pkg: string): Promise<string | undefined> {
  const file = `/usr/share/doc/${pkg}/copyright`;
  return access(file).then(
    () => file,
    () => undefined,
  );
}
