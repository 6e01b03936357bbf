// `npm run bench`: every benchmark in one go, each in its own process (its own heap and, for the cluster
// benches, its own control plane, so one bench's leftover garbage collection never runs during another's
// measurements). Tables go to stdout, progress to stderr.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../shared/errors/error-message.js';
import { repoRoot } from '../test/harness/repo-root.js';
import { SKIP_BUILD_ENV, buildCli } from './support/cli-build.js';

/**
 * Convert first: it needs no cluster, and so runs before any control plane is started on this machine. The
 * extension bench last: it also starts code-server.
 */
const BENCHES = ['convert', 'authoring', 'cli', 'queue', 'list', 'executor', 'abort', 'logs', 'scale', 'extension'];

function runBench(script: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: 'inherit',
      env: { ...process.env, [SKIP_BUILD_ENV]: '1' },
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  const root = repoRoot();
  buildCli(root);
  const failed: string[] = [];
  for (const name of BENCHES) {
    const script = path.join(root, 'bench', name, 'run.ts');
    if (!existsSync(script)) continue;
    process.stderr.write(`\n== bench/${name}\n`);
    if ((await runBench(script)) !== 0) failed.push(name);
    process.stdout.write('\n');
  }
  if (failed.length > 0) {
    process.stderr.write(`benchmarks that failed to run: ${failed.map((n) => `bench/${n}`).join(', ')}\n`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${errorMessage(err)}\n`);
  process.exitCode = 1;
});
