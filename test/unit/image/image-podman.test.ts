import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NONROOT_ID } from '../../../image/base-layer.js';
import { PrivatePodman, podmanAvailable, RUN_LIMITS } from '../../helpers/podman.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const TAG = 'registry.local/kubectl-kueue:podman-test';

describe.skipIf(!podmanAvailable())('the image, run by podman', { timeout: 300_000 }, () => {
  const engine = new PrivatePodman();
  const podmanRun = async (...args: string[]) => engine.podman(['run', '--rm', '--network', 'none', ...RUN_LIMITS, ...args]);

  beforeAll(() => engine.buildAndLoad(TAG), 300_000);
  afterAll(() => engine.remove(), 60_000);

  it('runs its entrypoint as it is configured: version, executor --help', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await podmanRun(TAG, 'version')).stdout).toBe(`Client Version: v${version}\n`);
    const help = (await podmanRun(TAG, 'executor', '--help')).stdout;
    expect(help).toContain('Usage: kubectl kueue executor');
    expect(help).toContain('--health-probe-bind-address');
  });

  it('runs as the nonroot user on a read-only root file system, as the in-cluster Deployment does', async () => {
    const { stdout } = await podmanRun('--read-only', '--entrypoint', 'node', TAG, '-p', '[process.getuid(), require("os").userInfo().username, process.cwd()].join(" ")');
    expect(stdout.trim()).toBe(`${NONROOT_ID} nonroot /`);
    const { stdout: version } = await podmanRun('--read-only', TAG, 'version');
    expect(version).toMatch(/^Client Version: v/);
  });
});
