import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appLayerEntries, MissingBuildError } from './app-layer.js';
import { ociImageArchive } from './oci-image.js';

/**
 * `npm run image`: dist/kubectl-kueue-image-<version>.tar, an OCI image archive of the built plugin in one
 * layer, made without a container engine. It has no base: run it on a base with Node.js 20 (see image/Dockerfile
 * for the normal build and kubectl-plugin/README.md for how the archive is used).
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
    },
  });
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && !/^\d+$/.test(epoch)) throw new MissingBuildError(`SOURCE_DATE_EPOCH=${epoch}: give whole seconds since 1970, e.g. 0`);
  const image = ociImageArchive([await appLayerEntries(root)], {
    reference: values.tag,
    architecture: values.arch,
    entrypoint: ['kubectl-kueue'],
    user: '65532:65532',
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'NODE_ENV=production'],
    mtimeSeconds: epoch === undefined ? 0 : Number(epoch),
  });
  await mkdir(path.dirname(values.output), { recursive: true });
  await writeFile(values.output, image.archive);
  process.stdout.write(`wrote ${path.relative(process.cwd(), values.output)}: ${values.tag} (${values.arch}), manifest ${image.manifestDigest}\n`);
}

main().catch((error: unknown) => {
  // A missing build or bad setting is the user's to fix: its message says how; anything else keeps its stack.
  process.stderr.write(error instanceof MissingBuildError || (error instanceof Error && error.message.startsWith('tar:')) ? `error: ${error.message}\n` : `${String(error instanceof Error ? error.stack : error)}\n`);
  process.exitCode = 1;
});
