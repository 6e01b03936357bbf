import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const CLI_BUNDLE = path.resolve('dist', 'kubectl-kueue');

/**
 * Fails clearly when the bundle is missing. The unit and cluster projects build it in their global setup
 * (test/helpers/bundles-setup.ts); tests never build it themselves.
 */
export function assertBuilt(): void {
  if (!existsSync(CLI_BUNDLE)) throw new Error(`${CLI_BUNDLE} is missing: run \`npm run build\` first`);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, optionally under another file name and with stdin. */
export function runCli(
  args: string[],
  options: { input?: string; env?: Record<string, string | undefined>; cwd?: string; bundle?: string } = {},
): Promise<CliResult> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bundle ?? CLI_BUNDLE, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
