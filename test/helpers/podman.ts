import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');

function installed(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether Debian's podman and runc are here (crun refuses the hybrid cgroup layout of the test machines). CI
 * installs both (.ci/run), so there a missing one is a failure, not a skip.
 */
export function podmanAvailable(): boolean {
  const available = installed('podman') && installed('runc');
  if (!available && process.env.CI) throw new Error('the image tests need podman and runc in CI (Debian packages podman, runc)');
  return available;
}

/** `podman run` flags every test uses: limits below the machine's, which a container may not raise here. */
export const RUN_LIMITS = ['--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024'];

/** A podman with storage of its own (nothing shared with other podman users of the machine), removed by `remove`. */
export class PrivatePodman {
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'kueue-podman-'));
  private readonly global = [
    '--root', path.join(this.dir, 'storage'),
    '--runroot', path.join(this.dir, 'run'),
    '--storage-driver', 'vfs',
    '--runtime', 'runc',
    '--cgroup-manager', 'cgroupfs',
    '--events-backend', 'file',
  ];

  async podman(args: string[]): Promise<{ stdout: string; stderr: string }> {
    return run('podman', [...this.global, ...args], { maxBuffer: 4 << 20 });
  }

  /** Builds the image archive with `npm run image`'s script (from dist/) and loads it as `tag`. */
  async buildAndLoad(tag: string): Promise<void> {
    const archive = path.join(this.dir, 'image.tar');
    await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'image', 'build.ts'), '--output', archive, '--tag', tag], { cwd: ROOT });
    await this.podman(['load', '-q', '-i', archive]);
    rmSync(archive);
  }

  /** Stops every container of this storage (they get SIGTERM first) and removes the storage. */
  async remove(): Promise<void> {
    await this.podman(['rm', '--all', '--force', '--time', '10']).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
