import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appLayerEntries, MissingBuildError } from './app-layer.js';
import { baseLayer, CA_BUNDLE } from './base-layer.js';
import { ociImageArchive } from './oci-image.js';
import { BaseLayerError } from './shared-libraries.js';
import { type TarEntry } from './tar-archive.js';

/**
 * `npm run image`: dist/kubectl-kueue-image-<version>.tar, an OCI image archive made without a container engine,
 * with two layers: a base made from this machine's Node.js and the libraries it links (image/base-layer.ts), and
 * the built plugin. `--without-base` leaves the base out, for a base with Node.js 20 of your own (image/Dockerfile
 * is the engine build; kubectl-plugin/README.md says how the archive is used).
 */
const NODE_ARCHITECTURES: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' };

async function main(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '..');
  const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const { values } = parseArgs({
    options: {
      tag: { type: 'string', default: `ghcr.io/kueue/kubectl-kueue:${version}` },
      arch: { type: 'string', default: NODE_ARCHITECTURES[process.arch] ?? process.arch },
      output: { type: 'string', default: path.join(root, 'dist', `kubectl-kueue-image-${version}.tar`) },
      'without-base': { type: 'boolean', default: false },
    },
  });
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && !/^\d+$/.test(epoch)) throw new MissingBuildError(`SOURCE_DATE_EPOCH=${epoch}: give whole seconds since 1970, e.g. 0`);
  const hostArchitecture = NODE_ARCHITECTURES[process.arch] ?? process.arch;
  if (!values['without-base'] && values.arch !== hostArchitecture) {
    throw new BaseLayerError(`--arch ${values.arch}: the base layer is this machine's Node.js (${hostArchitecture}); build on a ${values.arch} machine, or add --without-base`);
  }
  const layers: TarEntry[][] = [];
  let summary = 'no base: run it on a base with Node.js 20';
  if (!values['without-base']) {
    const base = await baseLayer({ node: process.execPath, env: '/usr/bin/env', caBundle: `/${CA_BUNDLE}` });
    layers.push(base.entries);
    summary = `base: Node.js ${process.version}, ${base.libraries.length} shared libraries (${base.packages.join(', ') || 'no Debian packages known'})`;
  }
  layers.push(await appLayerEntries(root));
  const image = ociImageArchive(layers, {
    reference: values.tag,
    architecture: values.arch,
    entrypoint: ['kubectl-kueue'],
    user: '65532:65532',
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'NODE_ENV=production', ...(values['without-base'] ? [] : [`SSL_CERT_FILE=/${CA_BUNDLE}`])],
    mtimeSeconds: epoch === undefined ? 0 : Number(epoch),
  });
  await mkdir(path.dirname(values.output), { recursive: true });
  await writeFile(values.output, image.archive);
  process.stdout.write(`wrote ${path.relative(process.cwd(), values.output)}: ${values.tag} (${values.arch}), manifest ${image.manifestDigest}\n${summary}\n`);
}

main().catch((error: unknown) => {
  // A missing build or bad setting is the user's to fix: its message says how; anything else keeps its stack.
  process.stderr.write(error instanceof MissingBuildError || error instanceof BaseLayerError || (error instanceof Error && error.message.startsWith('tar:')) ? `error: ${error.message}\n` : `${String(error instanceof Error ? error.stack : error)}\n`);
  process.exitCode = 1;
});
