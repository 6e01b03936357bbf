import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NONROOT_ID } from '../../../image/base-layer.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const TAG = 'registry.local/kubectl-kueue:podman-test';

function installed(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// Debian's podman with runc (crun refuses the hybrid cgroup layout of the test machines); CI installs both.
const podman = installed('podman') && installed('runc');
if (!podman && process.env.CI) throw new Error('the image smoke test needs podman and runc in CI (Debian packages podman, runc)');

describe.skipIf(!podman)('the image, run by podman', { timeout: 300_000 }, () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'kueue-image-podman-'));
  // Storage of its own: nothing shared with other podman users of the machine, removed afterwards.
  const engine = [
    '--root', path.join(scratch, 'storage'),
    '--runroot', path.join(scratch, 'run'),
    '--storage-driver', 'vfs',
    '--runtime', 'runc',
    '--cgroup-manager', 'cgroupfs',
    '--events-backend', 'file',
  ];
  // No network; limits below the machine's, which a container may not raise here.
  const runFlags = ['run', '--rm', '--network', 'none', '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024'];
  const podmanRun = (...args: string[]) => run('podman', [...engine, ...runFlags, ...args], { maxBuffer: 1 << 20 });

  beforeAll(async () => {
    const archive = path.join(scratch, 'image.tar');
    await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'image', 'build.ts'), '--output', archive, '--tag', TAG], { cwd: ROOT });
    await run('podman', [...engine, 'load', '-q', '-i', archive]);
  }, 300_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

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
