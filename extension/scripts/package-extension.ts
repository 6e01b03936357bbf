import { createVSIX } from '@vscode/vsce';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface PackageOptions {
  /** The extension folder: its package.json and the bundles in its dist/. */
  extensionDir: string;
  /** Where to write the .vsix; default: `<outDir>/<name>-<version>.vsix`. */
  out?: string;
  outDir?: string;
  /** Keep vsce's file listing and size notes off the console (test harnesses). */
  quiet?: boolean;
  /**
   * Where the extension folder is published (e.g. `https://github.com/<org>/<repo>/raw/<branch>/extension`):
   * relative links and images in README.md are made absolute against it, as the Marketplace page needs.
   * Without it they stay relative, as they read in the repository.
   */
  baseUrl?: string;
}

/**
 * Packages an extension folder as a .vsix with vsce and returns its path. The esbuild bundles are all the
 * extension needs at run time, so vsce is told not to collect node_modules; `.vscodeignore` keeps sources out.
 * vsce refuses a README with relative links unless it can make them absolute (from `repository` or a base URL);
 * the manifest names no repository, so without `baseUrl` the links are left as written.
 */
export async function packageExtension(options: PackageOptions): Promise<string> {
  const cwd = path.resolve(options.extensionDir);
  const manifest = JSON.parse(await readFile(path.join(cwd, 'package.json'), 'utf8')) as { name: string; version: string };
  const out = path.resolve(options.out ?? path.join(options.outDir ?? cwd, `${manifest.name}-${manifest.version}.vsix`));
  await mkdir(path.dirname(out), { recursive: true });
  const links = options.baseUrl === undefined
    ? { rewriteRelativeLinks: false }
    : { rewriteRelativeLinks: true, baseContentUrl: options.baseUrl, baseImagesUrl: options.baseUrl };
  const create = () => createVSIX({ cwd, packagePath: out, dependencies: false, allowMissingRepository: true, skipLicense: true, ...links });
  await (options.quiet === true ? withoutConsole(create) : create());
  return out;
}

/** vsce reports through console.log/info/warn; errors still reach the caller as the rejected promise. */
async function withoutConsole<T>(action: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, warn: console.warn };
  console.log = console.info = console.warn = () => {};
  try {
    return await action();
  } finally {
    Object.assign(console, saved);
  }
}
