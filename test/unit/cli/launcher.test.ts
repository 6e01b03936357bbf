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
      expect(v8FlagsFor([command, '-f', 'x.yaml'])).toEqual(['--interrupt-budget=1081344', '--heap-growing-percent=10']);
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

  /** The output of a script run with tsx and V8 flags, in a process of its own (V8's flags are process-wide). */
  const runScript = (name: string, source: string, flags: readonly string[]): string => {
    const file = path.join(dir, `${name}.mts`);
    writeFileSync(file, source);
    const run = spawnSync(process.execPath, ['--import', 'tsx', ...flags, file], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    return run.stdout;
  };
  const flagsModule = JSON.stringify(path.resolve('kubectl-plugin/launcher/v8-flags.ts'));

  it('gives V8 its own interrupt budget back for a long run: a hot function is optimized as early as by default', () => {
    // How many calls a small hot function takes to be optimized (counted, not timed: compiles are synchronous here).
    const callsToOptimize = (name: string, flags: readonly string[], longRun: boolean): number => {
      const source = `
        import { adaptToLongRun } from ${flagsModule};
        ${longRun ? 'adaptToLongRun();' : ''}
        const status = new Function('f', 'return %GetOptimizationStatus(f)');
        function hot(a) { let s = 0; for (let i = 0; i < 10; i++) s += a * i; return s; }
        let calls = 0;
        while (calls < 1e6 && (status(hot) & 16) === 0) hot(++calls);
        process.stdout.write(String(calls));`;
      return Number(runScript(name, source, ['--allow-natives-syntax', '--no-concurrent-recompilation', ...flags]));
    };
    const byDefault = callsToOptimize('tier-default', [], false);
    const raised = callsToOptimize('tier-raised', v8FlagsFor(['convert']), false);
    const restored = callsToOptimize('tier-restored', v8FlagsFor(['convert']), true);
    expect(byDefault).toBeGreaterThan(0);
    expect(raised).toBeGreaterThan(byDefault * 4);
    expect(restored).toBe(byDefault);
  });

  it('holds the young generation at its size for a long run, where V8 would grow it to tens of MiB', () => {
    // Short-lived objects with a window of survivors: the allocation pattern that makes V8 grow its new space.
    const newSpaceAfterBurst = (name: string, longRun: boolean): number => {
      const source = `
        import v8 from 'node:v8';
        import { adaptToLongRun } from ${flagsModule};
        ${longRun ? 'adaptToLongRun();' : ''}
        const ring = new Array(20000);
        for (let i = 0; i < 1e6; i++) ring[i % ring.length] = { i, s: 'x' + i };
        process.stdout.write(String(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size));`;
      return Number(runScript(name, source, v8FlagsFor(['convert'])));
    };
    expect(newSpaceAfterBurst('young-default', false)).toBeGreaterThan(8 << 20);
    expect(newSpaceAfterBurst('young-held', true)).toBeLessThanOrEqual(4 << 20);
  });
});
