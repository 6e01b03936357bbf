import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ociImageArchive } from '../../../image/oci-image.js';

const run = promisify(execFile);

function hasSkopeo(): boolean {
  try {
    execFileSync('skopeo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// skopeo reads images the way registries and engines do; CI installs it (.ci/run), so there it must not be skipped.
const skopeo = hasSkopeo();
if (!skopeo && process.env.CI) throw new Error('skopeo is required in CI (Debian package skopeo)');

const scratch = mkdtempSync(path.join(tmpdir(), 'kueue-image-skopeo-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!skopeo)('the image archive, read by skopeo', () => {
  const image = ociImageArchive(
    [[{ type: 'directory', path: 'opt', mode: 0o755 }, { type: 'file', path: 'opt/hello', mode: 0o755, data: Buffer.from('hi\n') }]],
    { reference: 'registry.local/kueue/test:7', architecture: 'arm64', entrypoint: ['hello'], user: '65532:65532', env: ['A=b'], mtimeSeconds: 0 },
  );
  const archive = path.join(scratch, 'image.tar');
  writeFileSync(archive, image.archive);

  it('is an OCI archive with the config it was given', async () => {
    const { stdout } = await run('skopeo', ['inspect', '--config', `oci-archive:${archive}`]);
    expect(JSON.parse(stdout)).toMatchObject({
      architecture: 'arm64',
      config: { User: '65532:65532', Entrypoint: ['hello'], Env: ['A=b'] },
      rootfs: { diff_ids: image.layerDigests },
    });
  });

  it('is also a Docker archive (what docker load reads) with the same config and layer', async () => {
    const { stdout } = await run('skopeo', ['inspect', '--config', `docker-archive:${archive}`]);
    expect(JSON.parse(stdout)).toMatchObject({ config: { Entrypoint: ['hello'] }, rootfs: { diff_ids: image.layerDigests } });
    const copy = path.join(scratch, 'copy');
    await run('skopeo', ['copy', `docker-archive:${archive}:registry.local/kueue/test:7`, `oci:${copy}`]);
    const { stdout: copied } = await run('skopeo', ['inspect', '--config', `oci:${copy}`]);
    expect(JSON.parse(copied)).toMatchObject({ rootfs: { diff_ids: image.layerDigests } });
  });
});
