declare const __KUEUE_VERSION__: string | undefined;

/** The product version; injected by esbuild at build time, read from package.json when running from source. */
export function productVersion(): string {
  if (typeof __KUEUE_VERSION__ === 'string') return __KUEUE_VERSION__;
  // Running from TypeScript sources (tests): fall back to the package manifest.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require('../package.json') as { version: string };
  return pkg.version;
}
