import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invocationName } from '../../../kubectl-plugin/cli/invocation-name.js';
import { CLI_BUNDLE, runCli } from '../../helpers/run-cli.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

describe('invocationName', () => {
  it.each([
    ['/usr/local/bin/kubectl-kueue', 'kubectl kueue'],
    ['/home/me/bin/kubectl-kq', 'kubectl kq'],
    ['kubectl-flyte_queue', 'kubectl flyte-queue'],
    ['/repo/dist/kubectl-kueue.js', 'kubectl kueue'],
    ['/usr/bin/node-script', 'kubectl kueue'],
    [undefined, 'kubectl kueue'],
  ])('%s -> %s', (argv1, expected) => {
    expect(invocationName(argv1)).toBe(expected);
  });
});

describe('the program', () => {
  it('lists its subcommands in --help, under the name it was started as', async () => {
    const { code, stdout, stderr } = await runCliInProcess(['--help'], { argv1: '/home/me/bin/kubectl-kq' });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^Usage: kubectl kq <command> \[flags\]/);
    expect(stdout).toMatch(/^\s+version\b/m);
  });

  it('prints the version from package.json', async () => {
    const { code, stdout } = await runCliInProcess(['version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^Client Version: v\d+\.\d+\.\d+$/);
    const json = await runCliInProcess(['version', '-o', 'json']);
    const parsed = JSON.parse(json.stdout) as { clientVersion: { version: string } };
    expect(parsed.clientVersion.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('fails with exit 1 and a kubectl-style message on an unknown command', async () => {
    const { code, stdout, stderr } = await runCliInProcess(['frobnicate']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain("error: unknown command 'frobnicate'");
  });

  it('rejects an unknown output format without a stack trace', async () => {
    const { code, stderr } = await runCliInProcess(['version', '-o', 'xml']);
    expect(code).toBe(1);
    expect(stderr).toBe('error: --output must be one of json|yaml, got "xml"\n');
  });
});

// Starting a process and loading a bundle takes seconds on a busy machine, not milliseconds.
describe('the built CLI', { timeout: 30_000 }, () => {
  it('lists its subcommands in --help', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: kubectl kueue <command> \[flags\]/);
    expect(stdout).toMatch(/^\s+version\b/m);
  });

  it('uses the name it was installed under in its usage', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kueue-name-'));
    const renamed = path.join(dir, 'kubectl-kq');
    copyFileSync(CLI_BUNDLE, renamed);
    // The executable loads the bundles beside it.
    symlinkSync(path.join(path.dirname(CLI_BUNDLE), 'lib'), path.join(dir, 'lib'));
    const { stdout } = await runCli(['--help'], { bundle: renamed });
    expect(stdout).toMatch(/^Usage: kubectl kq <command>/);
  });

  it('fails with exit 1 and a kubectl-style message on an unknown command', async () => {
    const { code, stdout, stderr } = await runCli(['frobnicate']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain("error: unknown command 'frobnicate'");
  });

  it('runs as `kubectl kueue` when the bundle is on PATH', () => {
    const result = spawnSync('kubectl', ['kueue', '--help'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${path.dirname(CLI_BUNDLE)}${path.delimiter}${process.env['PATH'] ?? ''}` },
    });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: kubectl kueue <command>/);
  });
});
