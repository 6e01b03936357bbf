import * as esbuild from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/**
 * What the extension's main bundle contains, built as esbuild.mjs builds it: dynamic imports of relative paths
 * become separate bundles, so they (and what only they import) stay out of the main one. Only inputs that put
 * code into the bundle count: a module entry reached for one small export makes esbuild read the rest of the
 * module, which tree shaking then drops.
 */
async function mainBundleInputs(): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'extension', 'src', 'extension.ts')],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    outfile: 'extension.js',
    logLevel: 'silent',
    plugins: [
      {
        name: 'split-dynamic-imports',
        setup(build) {
          build.onResolve({ filter: /^\.\.?\// }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
        },
      },
    ],
  });
  const [output] = Object.values(result.metafile.outputs);
  return Object.entries(output?.inputs ?? {})
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([name]) => name);
}

describe('extension activation bundle', () => {
  // A real esbuild build of the extension: seconds on a loaded machine, so it gets a build's time, not a unit test's.
  it('leaves the YAML layer and the Kubernetes client to lazily loaded bundles', async () => {
    const inputs = await mainBundleInputs();
    expect(inputs).toContain('extension/src/extension.ts');
    const heavy = inputs.filter((input) => /node_modules[/\\](yaml|@kubernetes)[/\\]|shared[/\\]convert[/\\](yaml-|document-|manifest-)/.test(input));
    expect(heavy).toEqual([]);
  }, 120_000);
});
