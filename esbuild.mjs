// Builds the two bundles: the kubectl plugin (dist/kubectl-kueue, CommonJS, Node 20) and the VS Code
// extension (extension/dist/extension.js, `vscode` external).
//
// Start-up speed: heavy modules (the Kubernetes client, protobuf, the YAML document layer) live behind
// `import('.../lazy/<name>.js')`. The lazy-split plugin below turns each such import into a require of a
// separate bundle (dist/lib/<name>.js), so `--help` parses only commander and the command table.
import * as esbuild from 'esbuild';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const root = import.meta.dirname;
const watch = process.argv.includes('--watch');

/** Marks `./lazy/<name>.js` imports as external, pointing at `./lib/<name>.js` next to the entry bundle. */
function lazySplit(entries) {
  return {
    name: 'lazy-split',
    setup(build) {
      build.onResolve({ filter: /\/lazy\/[a-z0-9-]+\.js$/ }, (args) => {
        const name = path.basename(args.path, '.js');
        const source = path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
        entries.set(name, source);
        return { path: `./lib/${name}.js`, external: true };
      });
    },
  };
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // client-node 1.x ships ESM that references import.meta.url in a code path we never use in CJS.
  supported: { 'import-meta': true },
};

async function buildTarget({ entry, outfile, external = [], shebang = false }) {
  const lazy = new Map();
  const outdir = path.dirname(outfile);
  await esbuild.build({
    ...common,
    entryPoints: [entry],
    outfile,
    external,
    banner: shebang ? { js: '#!/usr/bin/env node' } : undefined,
    plugins: [lazySplit(lazy)],
  });
  // Lazy bundles may themselves import further lazy bundles; build rounds until no new ones appear. The
  // bundles of one round are independent, so they build in parallel.
  const built = new Set();
  await mkdir(path.join(outdir, 'lib'), { recursive: true });
  for (;;) {
    const round = [...lazy].filter(([name]) => !built.has(name));
    if (round.length === 0) break;
    for (const [name] of round) built.add(name);
    await Promise.all(
      round.map(([name, source]) =>
        esbuild.build({
          ...common,
          entryPoints: [source],
          outfile: path.join(outdir, 'lib', `${name}.js`),
          external,
          plugins: [
            {
              name: 'lazy-split-nested',
              setup(build) {
                build.onResolve({ filter: /\/lazy\/[a-z0-9-]+\.js$/ }, (args) => {
                  const nested = path.basename(args.path, '.js');
                  lazy.set(nested, path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')));
                  return { path: `./${nested}.js`, external: true };
                });
              },
            },
          ],
        }),
      ),
    );
  }
  if (shebang) await chmod(outfile, 0o755);
}

const started = Date.now();
await buildTarget({
  entry: path.join(root, 'kubectl-plugin/main.ts'),
  outfile: path.join(root, 'dist/kubectl-kueue'),
  shebang: true,
});
// kubectl (1.26+) completes `kubectl kueue ...` by running this executable next to the plugin.
await writeFile(path.join(root, 'dist/kubectl_complete-kueue'), '#!/bin/sh\nexec kubectl-kueue __complete "$@"\n', { mode: 0o755 });
await buildTarget({
  entry: path.join(root, 'extension/src/extension.ts'),
  outfile: path.join(root, 'extension/dist/extension.js'),
  external: ['vscode'],
});
if (!watch) console.log(`built dist/kubectl-kueue and extension/dist/extension.js in ${Date.now() - started} ms`);

// `node esbuild.mjs --krew`: a krew-style archive of the plugin (the bundle, its lazy bundles, the completion
// shim and the licence) and a krew Plugin manifest with the archive's sha256.
if (process.argv.includes('--krew')) {
  const { createHash } = await import('node:crypto');
  const { execFileSync } = await import('node:child_process');
  const { readFile, copyFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const archive = `kubectl-kueue-v${pkg.version}.tar.gz`;
  await copyFile(path.join(root, 'LICENSE'), path.join(root, 'dist/LICENSE'));
  execFileSync('tar', ['-czf', archive, 'kubectl-kueue', 'kubectl_complete-kueue', 'lib', 'LICENSE'], { cwd: path.join(root, 'dist') });
  const sha256 = createHash('sha256').update(await readFile(path.join(root, 'dist', archive))).digest('hex');
  const manifest = [
    'apiVersion: krew.googlecontainertools.github.com/v1alpha2',
    'kind: Plugin',
    'metadata:',
    '  name: kueue',
    'spec:',
    `  version: v${pkg.version}`,
    '  shortDescription: Sequential containers, a Flyte-compatible TaskAction queue and its executor',
    '  description: |',
    '    Converts Pods, Jobs and CronJobs so their containers run one after another, and manages a',
    '    Kubernetes-native queue of Flyte v2 TaskActions: enqueue, abort, get, tree, watch, serve, executor.',
    '    Needs Node.js 20 or newer on PATH.',
    '  platforms:',
    ...['linux', 'darwin'].flatMap((os) => [
      '  - selector:',
      '      matchLabels:',
      `        os: ${os}`,
      `    uri: https://example.invalid/releases/v${pkg.version}/${archive}`,
      `    sha256: ${sha256}`,
      '    bin: kubectl-kueue',
    ]),
    '',
  ].join('\n');
  await writeFile(path.join(root, 'dist/krew-manifest.yaml'), manifest);
  console.log(`wrote dist/${archive} (sha256 ${sha256}) and dist/krew-manifest.yaml`);
}
