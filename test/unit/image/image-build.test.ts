import { execFile } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appLayerEntries, COMMAND_LINK, INSTALL_DIR } from '../../../image/app-layer.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const BUILD = path.join(ROOT, 'image', 'build.ts');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'kueue-image-build-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function buildImage(output: string, env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', BUILD, '--output', output, '--tag', 'registry.local/kubectl-kueue:test'], {
    cwd: ROOT,
    env: { ...process.env, SOURCE_DATE_EPOCH: undefined, ...env },
  });
}

/** The layer's files, as the runtime would unpack them: the outer archive, then its one layer. */
async function unpackLayer(archive: string, into: string): Promise<string> {
  const layout = path.join(into, 'layout');
  const rootfs = path.join(into, 'rootfs');
  mkdirSync(layout, { recursive: true });
  mkdirSync(rootfs, { recursive: true });
  await run('tar', ['-xf', archive, '-C', layout]);
  const [docker] = JSON.parse(readFileSync(path.join(layout, 'manifest.json'), 'utf8')) as { Layers: string[] }[];
  expect(docker?.Layers).toHaveLength(1);
  await run('tar', ['-xf', path.join(layout, docker?.Layers[0] ?? ''), '-C', rootfs]);
  return rootfs;
}

describe('npm run image', () => {
  it('builds the same bytes twice, and its layer runs the plugin (version, executor --help)', async () => {
    const first = path.join(scratch, 'first.tar');
    const second = path.join(scratch, 'second.tar');
    const { stdout } = await buildImage(first);
    expect(stdout).toMatch(/registry\.local\/kubectl-kueue:test \(\w+\), manifest sha256:[0-9a-f]{64}/);
    await buildImage(second);
    expect(readFileSync(second).equals(readFileSync(first))).toBe(true);

    const rootfs = await unpackLayer(first, path.join(scratch, 'unpacked'));
    expect(readlinkSync(path.join(rootfs, COMMAND_LINK))).toBe(`/${INSTALL_DIR}/kubectl-kueue`);
    const main = path.join(rootfs, INSTALL_DIR, 'kubectl-kueue');
    expect(lstatSync(main).mode & 0o111).toBe(0o111);
    expect(readdirSync(path.join(rootfs, INSTALL_DIR, 'lib')).some((name) => name.startsWith('commands-executor'))).toBe(true);

    // No Node.js in the layer (its base provides it): the machine's node runs the unpacked bundles, with dist/ out of reach.
    const plugin = (args: string[]) => run(process.execPath, [main, ...args], { cwd: rootfs, env: { ...process.env, KUBECONFIG: path.join(scratch, 'none') } });
    expect((await plugin(['version'])).stdout).toContain(version);
    const help = (await plugin(['executor', '--help'])).stdout;
    expect(help).toContain('Usage: kubectl kueue executor');
    expect(help).toContain('--metrics-bind-address');
  });

  it('refuses a SOURCE_DATE_EPOCH that is not whole seconds, without a stack trace or an archive', async () => {
    const output = path.join(scratch, 'bad-epoch.tar');
    const failure = await buildImage(output, { SOURCE_DATE_EPOCH: 'yesterday' }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toBe('error: SOURCE_DATE_EPOCH=yesterday: give whole seconds since 1970, e.g. 0');
    expect(() => lstatSync(output)).toThrow();
  });
});

describe('appLayerEntries', () => {
  it('names the missing build output and says to build first', async () => {
    const root = path.join(scratch, 'unbuilt');
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, 'LICENSE'), 'licence');
    await expect(appLayerEntries(root)).rejects.toThrow(
      `${path.join(root, 'dist', 'kubectl-kueue')} does not exist: run \`npm run build\` first, the image is made from its output`,
    );
  });
});
