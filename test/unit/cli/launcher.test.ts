import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { v8FlagsFor } from '../../../kubectl-plugin/launcher/v8-flags.js';
import { assertBuilt, CLI_BUNDLE } from '../../helpers/run-cli.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kueue-launcher-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Pod of `steps` containers: converted, every step mounts every step's run volume, so the output is large. */
function widePod(steps: number): string {
  const containers = Array.from({ length: steps }, (_, i) => `    - name: step-${i}\n      image: busybox\n      command: [sh, -c, "echo ${i}"]\n`).join('');
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: wide\nspec:\n  restartPolicy: Never\n  containers:\n${containers}`;
}

/** The built CLI with its stdout read by a slow reader: the whole output and the exit code. */
function convertThroughSlowPipe(file: string): Promise<{ code: number | null; stdout: Buffer }> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BUNDLE, 'convert', '-f', file], { stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // Reads lag behind, so the pipe fills and the writer has to wait for it.
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 2);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks) }));
  });
}

describe('the launcher', () => {
  it('exits only once a large output has all gone through a slow pipe', async () => {
    const file = path.join(dir, 'wide.yaml');
    const manifest = widePod(120);
    writeFileSync(file, manifest);
    const expected = await runCliInProcess(['convert', '-f', file]);
    expect(expected.code).toBe(0);
    expect(Buffer.byteLength(expected.stdout)).toBeGreaterThan(1 << 20);
    const spawned = await convertThroughSlowPipe(file);
    expect(spawned.code).toBe(0);
    expect(spawned.stdout.toString('utf8')).toBe(expected.stdout);
  });

  it('sets V8 flags by command: none for the servers, the heap ones for convert and revert only', () => {
    expect(v8FlagsFor(['executor', '-A'])).toEqual([]);
    expect(v8FlagsFor(['serve'])).toEqual([]);
    expect(v8FlagsFor(['get'])).toEqual(['--interrupt-budget=1081344']);
    expect(v8FlagsFor([])).toEqual(['--interrupt-budget=1081344']);
    for (const command of ['convert', 'revert']) {
      expect(v8FlagsFor([command, '-f', 'x.yaml'])).toEqual(['--interrupt-budget=1081344', '--semi-space-growth-factor=1', '--heap-growing-percent=10']);
    }
  });

  it('bundles the yaml parser without its debug switches, read from the environment for every token', () => {
    assertBuilt();
    const dirs = [path.join(path.dirname(CLI_BUNDLE), 'lib'), path.resolve('extension', 'dist'), path.resolve('extension', 'dist', 'lib')];
    const bundles = dirs.flatMap((d) => readdirSync(d).filter((name) => name.endsWith('.js')).map((name) => path.join(d, name)));
    // The yaml lexer's own message marks the bundles that hold the parser.
    const withParser = bundles.filter((file) => readFileSync(file, 'utf8').includes('source is not a string'));
    expect(withParser.length).toBeGreaterThan(1);
    for (const file of withParser) expect([file, readFileSync(file, 'utf8').match(/LOG_TOKENS|LOG_STREAM/)?.[0]]).toEqual([file, undefined]);
  });

  it('gives V8 its own interrupt budget back for a long run: a hot function is optimized as early as by default', () => {
    // How many calls a small hot function takes to be optimized (counted, not timed: compiles are synchronous here).
    const script = (lower: boolean) => `
      import { tierUpAsLongRun } from ${JSON.stringify(path.resolve('kubectl-plugin/launcher/v8-flags.ts'))};
      ${lower ? 'tierUpAsLongRun();' : ''}
      const status = new Function('f', 'return %GetOptimizationStatus(f)');
      function hot(a) { let s = 0; for (let i = 0; i < 10; i++) s += a * i; return s; }
      let calls = 0;
      while (calls < 1e6 && (status(hot) & 16) === 0) hot(++calls);
      process.stdout.write(String(calls));`;
    const callsToOptimize = (flags: string[], lower: boolean): number => {
      const file = path.join(dir, `tier-${lower ? 'long' : 'short'}-${flags.length}.mts`);
      writeFileSync(file, script(lower));
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--allow-natives-syntax', '--no-concurrent-recompilation', ...flags, file], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      return Number(run.stdout);
    };
    const byDefault = callsToOptimize([], false);
    const raised = callsToOptimize([...v8FlagsFor(['convert'])], false);
    const restored = callsToOptimize([...v8FlagsFor(['convert'])], true);
    expect(byDefault).toBeGreaterThan(0);
    expect(raised).toBeGreaterThan(byDefault * 4);
    expect(restored).toBe(byDefault);
  });
});
