import { execFile, execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appLayerEntries, COMMAND_LINK, INSTALL_DIR } from '../../../image/app-layer.js';
import { NODE_BINARY, NONROOT_ID } from '../../../image/base-layer.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const BUILD = path.join(ROOT, 'image', 'build.ts');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
// Two builds of a ~120 MB archive and their unpacking: generous on a loaded machine.
const BUILD_TIMEOUT_MS = 300_000;

/**
 * Running the image without an engine: a user namespace (no root needed) maps this user to the image's user, and
 * the unpacked layers become the root directory, so nothing of this machine's / (its Node.js, its libraries) can
 * be reached. CI must be able to (util-linux's unshare, user namespaces on).
 */
function canRunInUserNamespace(): boolean {
  try {
    execFileSync('unshare', ['--map-user', String(NONROOT_ID), '--map-group', String(NONROOT_ID), '--root', '/', '--wd', '/', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const userNamespaces = canRunInUserNamespace();
if (!userNamespaces && process.env.CI) throw new Error('the image smoke test needs `unshare` (util-linux) with unprivileged user namespaces in CI');

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'kueue-image-build-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function buildImage(output: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', BUILD, '--output', output, '--tag', 'registry.local/kubectl-kueue:test', ...args], {
    cwd: ROOT,
    env: { ...process.env, SOURCE_DATE_EPOCH: undefined, ...env },
    maxBuffer: 1 << 20,
  });
}

async function buildFailure(output: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string } | undefined> {
  return buildImage(output, args, env).then(
    () => undefined,
    (error: unknown) => error as { code: number; stdout: string; stderr: string },
  );
}

interface ImageConfig {
  config: { User: string; Env: string[]; Entrypoint: string[]; WorkingDir: string };
}

/** The image as a runtime would unpack it: the outer archive, then each layer in order over the same root. */
async function unpack(archive: string, into: string): Promise<{ rootfs: string; layers: number; config: ImageConfig }> {
  const layout = path.join(into, 'layout');
  const rootfs = path.join(into, 'rootfs');
  mkdirSync(layout, { recursive: true });
  mkdirSync(rootfs, { recursive: true });
  await run('tar', ['-xf', archive, '-C', layout]);
  const [docker] = JSON.parse(readFileSync(path.join(layout, 'manifest.json'), 'utf8')) as { Config: string; Layers: string[] }[];
  for (const layer of docker?.Layers ?? []) await run('tar', ['-xf', path.join(layout, layer), '-C', rootfs]);
  const config = JSON.parse(readFileSync(path.join(layout, docker?.Config ?? ''), 'utf8')) as ImageConfig;
  return { rootfs, layers: docker?.Layers.length ?? 0, config };
}

describe('npm run image', () => {
  it('builds the same bytes twice: a base layer and the plugin, whose entrypoint runs on the image alone', { timeout: BUILD_TIMEOUT_MS }, async () => {
    const first = path.join(scratch, 'first.tar');
    const second = path.join(scratch, 'second.tar');
    const { stdout } = await buildImage(first);
    expect(stdout).toMatch(/registry\.local\/kubectl-kueue:test \(\w+\), manifest sha256:[0-9a-f]{64}\n/);
    expect(stdout).toContain(`base: Node.js ${process.version}, `);
    await buildImage(second);
    expect(readFileSync(second).equals(readFileSync(first))).toBe(true);

    const { rootfs, layers, config } = await unpack(first, path.join(scratch, 'unpacked'));
    expect(layers).toBe(2);
    expect(config.config).toMatchObject({ User: `${NONROOT_ID}:${NONROOT_ID}`, Entrypoint: ['kubectl-kueue'], WorkingDir: '/' });
    expect(statSync(path.join(rootfs, NODE_BINARY)).size).toBe(statSync(process.execPath).size);
    expect(readFileSync(path.join(rootfs, 'etc/passwd'), 'utf8')).toContain(`nonroot:x:${NONROOT_ID}:${NONROOT_ID}:`);
    expect(statSync(path.join(rootfs, 'tmp')).mode & 0o1777).toBe(0o1777);
    expect(readlinkSync(path.join(rootfs, COMMAND_LINK))).toBe(`/${INSTALL_DIR}/kubectl-kueue`);
    expect(readFileSync(path.join(rootfs, 'etc/ssl/certs/ca-certificates.crt'), 'utf8')).toContain('-----BEGIN CERTIFICATE-----');

    if (!userNamespaces) return;
    // The image's entrypoint, environment, user and working directory, with the unpacked layers as / and nothing else.
    const inImage = (args: string[]) =>
      run('unshare', ['--map-user', String(NONROOT_ID), '--map-group', String(NONROOT_ID), '--root', rootfs, '--wd', config.config.WorkingDir, ...config.config.Entrypoint, ...args], {
        env: Object.fromEntries(config.config.Env.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])),
      });
    expect((await inImage(['version'])).stdout).toBe(`Client Version: v${version}\n`);
    const help = (await inImage(['executor', '--help'])).stdout;
    expect(help).toContain('Usage: kubectl kueue executor');
    expect(help).toContain('--metrics-bind-address');
    // Node.js from the layer, as the image's user, found by name in the image's /etc/passwd.
    const { stdout: who } = await run('unshare', ['--map-user', String(NONROOT_ID), '--map-group', String(NONROOT_ID), '--root', rootfs, '--wd', '/', 'node', '-p', '[process.version, process.getuid(), require("os").userInfo().username].join(" ")'], {
      env: { PATH: '/usr/local/bin:/usr/bin' },
    });
    expect(who.trim()).toBe(`${process.version} ${NONROOT_ID} nonroot`);
  });

  it('--without-base writes the plugin alone, one layer that a Node.js 20 base runs', { timeout: BUILD_TIMEOUT_MS }, async () => {
    const archive = path.join(scratch, 'without-base.tar');
    expect((await buildImage(archive, ['--without-base'])).stdout).toContain('no base: run it on a base with Node.js 20');
    const { rootfs, layers } = await unpack(archive, path.join(scratch, 'without-base'));
    expect(layers).toBe(1);
    expect(() => lstatSync(path.join(rootfs, NODE_BINARY))).toThrow();
    const main = path.join(rootfs, INSTALL_DIR, 'kubectl-kueue');
    expect(lstatSync(main).mode & 0o111).toBe(0o111);
    expect(readdirSync(path.join(rootfs, INSTALL_DIR, 'lib')).some((name) => name.startsWith('commands-executor'))).toBe(true);
    // This machine's node plays the base, with dist/ out of reach.
    const plugin = (args: string[]) => run(process.execPath, [main, ...args], { cwd: rootfs, env: { ...process.env, KUBECONFIG: path.join(scratch, 'none') } });
    expect((await plugin(['version'])).stdout).toContain(version);
    expect((await plugin(['executor', '--help'])).stdout).toContain('Usage: kubectl kueue executor');
  });

  it('refuses a SOURCE_DATE_EPOCH that is not whole seconds, without a stack trace or an archive', async () => {
    const output = path.join(scratch, 'bad-epoch.tar');
    const failure = await buildFailure(output, [], { SOURCE_DATE_EPOCH: 'yesterday' });
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toBe('error: SOURCE_DATE_EPOCH=yesterday: give whole seconds since 1970, e.g. 0');
    expect(() => lstatSync(output)).toThrow();
  });

  it('refuses a base for another architecture than this machine\'s Node.js, and says what to do', async () => {
    const output = path.join(scratch, 'other-arch.tar');
    const other = process.arch === 'arm64' ? 'amd64' : 'arm64';
    const failure = await buildFailure(output, ['--arch', other]);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(new RegExp(`^error: --arch ${other}: the base layer is this machine's Node.js \\(\\w+\\); build on a ${other} machine, or add --without-base\\n$`));
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
