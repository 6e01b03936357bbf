import * as esbuild from 'esbuild';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { packageExtension } from '../../../extension/scripts/package-extension.js';
import { repoRoot } from '../repo-root.js';

const probeDir = path.join(repoRoot(), 'test', 'harness', 'ui', 'probe-extension');
const hostSuiteDir = path.join(repoRoot(), 'test', 'ui', 'host');

const NODE_BUNDLE: esbuild.BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  logLevel: 'warning',
  sourcemap: 'inline',
};

/** Builds and packages the probe extension (test/harness/ui/probe-extension) into `workDir`; returns the .vsix. */
export async function buildProbeVsix(workDir: string): Promise<string> {
  const staging = path.join(workDir, 'probe-extension');
  await mkdir(path.join(staging, 'dist'), { recursive: true });
  await cp(path.join(probeDir, 'package.json'), path.join(staging, 'package.json'));
  await esbuild.build({ ...NODE_BUNDLE, entryPoints: [path.join(probeDir, 'src', 'probe.ts')], outfile: path.join(staging, 'dist', 'probe.js') });
  return packageExtension({ extensionDir: staging, outDir: workDir, quiet: true });
}

/**
 * Bundles the extension-host test suite (test/ui/host/index.ts) to one CommonJS file that VS Code loads
 * as `extensionTestsPath`; returns its path.
 */
export async function buildHostTests(workDir: string): Promise<string> {
  const outfile = path.join(workDir, 'host-tests', 'index.js');
  await esbuild.build({ ...NODE_BUNDLE, entryPoints: [path.join(hostSuiteDir, 'index.ts')], outfile });
  return outfile;
}
