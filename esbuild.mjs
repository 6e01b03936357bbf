// Builds the two bundles: the kubectl plugin (dist/lib/kubectl-kueue.js, CommonJS, Node 20, started by the
// launcher dist/kubectl-kueue, which compiles the plugin's bundles through a code cache) and the VS Code
// extension (extension/dist/extension.js, `vscode` external).
//
// Start-up speed: heavy modules (the Kubernetes client, protobuf, the YAML document layer) are only reached
// through dynamic `import()`s. The plugin below turns every dynamic import of a relative path into a require
// of a separate bundle (dist/lib/<name>.js), so `--help` parses only commander and the command table, and the
// extension activates without the YAML layer or the Kubernetes client.
import * as esbuild from 'esbuild';
import { realpathSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const root = import.meta.dirname;
const watch = process.argv.includes('--watch');

/**
 * Turns each dynamic `import('./x.js')` into a require of `<prefix><name>.js`, and records the module in
 * `modules` (name -> source file) so it is built as a bundle of its own. The name is the module's path from
 * `entryDir` with `/` as `-` (commands/get/run.ts -> commands-get-run), so names are unique by construction.
 */
function splitDynamicImports(entryDir, prefix, modules) {
  return {
    name: 'split-dynamic-imports',
    setup(build) {
      // The bundles are CommonJS: load them with require. A real import() of a CommonJS file goes through
      // Node's ESM loader, which first scans the whole file for its export names (some 40 ms for a 700 KB
      // bundle), so each dynamic import becomes a tiny module that requires the bundle.
      build.onResolve({ filter: /^\.\.?\// }, (args) =>
        args.namespace === 'split-bundle' ? { path: args.path, external: true } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'split-bundle' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});\n`,
        loader: 'js',
      }));
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const source = path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
        const relative = path.relative(entryDir, source);
        if (relative.startsWith('..')) {
          throw new Error(`${args.importer}: dynamically imported ${args.path} lies outside ${entryDir}, which names the split bundles`);
        }
        const name = relative.replace(/\.ts$/, '').split(path.sep).join('-');
        modules.set(name, source);
        return { path: `${prefix}${name}.js`, namespace: 'split-bundle' };
      });
    },
  };
}

/**
 * The plugin and the extension use one thing of @kubernetes/client-node: KubeConfig (kubeconfig loading and every
 * authentication mechanism). Its package entry re-exports the whole generated API (some 1.5 MB), and config.js
 * imports the generated index for the two names it needs to build API clients, which we never build. Resolving
 * the package to config.js and that index to those two names (and node-fetch to Node's own fetch) keeps every bundle that talks to a cluster small,
 * which is most of a cold command's start-up time.
 */
function clientNodeKubeConfigOnly() {
  // esbuild reports importers by their real path: node_modules may be a symlink (a shared checkout's), and a
  // path through the link would never match, silently bundling node-fetch and its URL polyfill again.
  const dist = realpathSync(path.join(root, 'node_modules/@kubernetes/client-node/dist'));
  const config = path.join(dist, 'config.js');
  return {
    name: 'client-node-kubeconfig-only',
    setup(build) {
      build.onResolve({ filter: /^@kubernetes\/client-node$/ }, () => ({ path: config }));
      build.onResolve({ filter: /^\.\/gen\/index\.js$/ }, (args) =>
        path.resolve(args.importer) === config ? { path: 'gen-index', namespace: 'client-node-gen' } : undefined,
      );
      // node-fetch (with its URL polyfill, some 400 KB) serves only the fetch-based paths of those two modules;
      // Node 20's own fetch and Headers stand in for it.
      build.onResolve({ filter: /^node-fetch$/ }, (args) =>
        path.resolve(args.importer).startsWith(dist + path.sep) ? { path: 'node-fetch', namespace: 'client-node-fetch' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'client-node-fetch' }, () => ({
        // Looked up when called: reading globalThis.Headers at load time would load Node's fetch (undici) at once.
        contents:
          'export function Headers(init) { return new globalThis.Headers(init); }\n' +
          'export default (...args) => globalThis.fetch(...args);\n',
        loader: 'js',
      }));
      build.onLoad({ filter: /.*/, namespace: 'client-node-gen' }, () => ({
        contents: "export { createConfiguration } from './configuration.js';\nexport { ServerConfiguration } from './servers.js';\n",
        resolveDir: path.join(dist, 'gen'),
        loader: 'js',
      }));
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

/**
 * Commander requires node:child_process at load for executable subcommands, which we do not use; loading it (and
 * the net, stream and dgram modules it pulls in) is a few milliseconds of every command's start. Commander gets
 * an object that loads the module on first use instead.
 */
function lazyChildProcessForCommander() {
  const commander = realpathSync(path.join(root, 'node_modules/commander'));
  return {
    name: 'lazy-child-process-for-commander',
    setup(build) {
      build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
        path.resolve(args.importer).startsWith(commander + path.sep) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
        contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });\n",
        loader: 'js',
      }));
    },
  };
}

/**
 * The yaml package's parser reads `process.env.LOG_TOKENS` for every token it makes, and its composer
 * `process.env.LOG_STREAM` for every document: debugging switches of the package's own development. Each read of
 * process.env is a call into the runtime (about half a microsecond), which made a fifth of `convert`'s parse time
 * on a large file. The bundles read neither: both become `undefined`. The build fails if a yaml release no
 * longer has them, so the substitution cannot silently stop applying or apply to something else.
 */
function yamlWithoutDebugSwitches() {
  const yamlDist = realpathSync(path.join(root, 'node_modules/yaml/dist'));
  const switches = new Map([
    [path.join(yamlDist, 'parse', 'parser.js'), 'node_process.env.LOG_TOKENS'],
    [path.join(yamlDist, 'compose', 'composer.js'), 'node_process.env.LOG_STREAM'],
  ]);
  return {
    name: 'yaml-without-debug-switches',
    setup(build) {
      build.onLoad({ filter: /[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, async (args) => {
        const read = switches.get(realpathSync(args.path));
        if (read === undefined) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (source.split(read).length !== 2) throw new Error(`${args.path}: expected one \`${read}\` (yaml's debug switch); the build needs updating for this yaml release`);
        return { contents: source.replace(read, 'undefined'), loader: 'js' };
      });
    },
  };
}

/**
 * A bundle and the split bundles of its dynamic imports, which go to `libPrefix` beside `outfile` (and are
 * required by that relative path).
 */
async function buildTarget({ entry, outfile, libPrefix, external = [], plugins = [] }) {
  const split = new Map();
  const entryDir = path.dirname(entry);
  const libDir = path.join(path.dirname(outfile), libPrefix);
  // Split bundles are named after their sources: a renamed source must not leave its old bundle behind.
  await rm(libDir, { recursive: true, force: true });
  await esbuild.build({
    ...common,
    entryPoints: [entry],
    outfile,
    external,
    plugins: [...plugins, yamlWithoutDebugSwitches(), clientNodeKubeConfigOnly(), splitDynamicImports(entryDir, libPrefix, split)],
  });
  // Split bundles may themselves import further split bundles (next to them in lib/); build rounds until no new
  // ones appear. The bundles of one round are independent, so they build in parallel.
  const built = new Set();
  await mkdir(libDir, { recursive: true });
  for (;;) {
    const round = [...split].filter(([name]) => !built.has(name));
    if (round.length === 0) break;
    for (const [name] of round) built.add(name);
    await Promise.all(
      round.map(([name, source]) =>
        esbuild.build({
          ...common,
          entryPoints: [source],
          outfile: path.join(libDir, `${name}.js`),
          external,
          plugins: [...plugins, yamlWithoutDebugSwitches(), clientNodeKubeConfigOnly(), splitDynamicImports(entryDir, './', split)],
        }),
      ),
    );
  }
}

const started = Date.now();
// The plugin: every bundle in dist/lib (so the launcher can compile them through its code cache), and the
// executable dist/kubectl-kueue, a launcher that loads lib/kubectl-kueue.js.
await buildTarget({
  entry: path.join(root, 'kubectl-plugin/main.ts'),
  outfile: path.join(root, 'dist/lib/kubectl-kueue.js'),
  libPrefix: './',
  plugins: [lazyChildProcessForCommander()],
});
await esbuild.build({
  ...common,
  entryPoints: [path.join(root, 'kubectl-plugin/launcher/main.ts')],
  outfile: path.join(root, 'dist/kubectl-kueue'),
  banner: { js: '#!/usr/bin/env node' },
});
await chmod(path.join(root, 'dist/kubectl-kueue'), 0o755);
// kubectl (1.26+) completes `kubectl kueue ...` by running this executable next to the plugin.
await writeFile(path.join(root, 'dist/kubectl_complete-kueue'), '#!/bin/sh\nexec kubectl-kueue __complete "$@"\n', { mode: 0o755 });
await buildTarget({
  entry: path.join(root, 'extension/src/extension.ts'),
  outfile: path.join(root, 'extension/dist/extension.js'),
  libPrefix: './lib/',
  external: ['vscode'],
});
if (!watch) console.log(`built dist/kubectl-kueue and extension/dist/extension.js in ${Date.now() - started} ms`);

// `node esbuild.mjs --krew`: a krew-style archive of the plugin (the bundle, its split bundles, the completion
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
