import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fromKubectlFlagSyntax } from '../../../kubectl-plugin/cli/kubectl-flag-syntax.js';
import { connectionFlags } from '../../../kubectl-plugin/flags/connection-flag-values.js';
import { buildProgram } from '../../../kubectl-plugin/program.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
const program = () => buildProgram({ in: process.stdin, out: sink, err: sink }, '/usr/local/bin/kubectl-kueue');

describe('kubectl flag syntax', () => {
  it.each([
    [['get', '-n=default'], ['get', '-n', 'default']],
    [['get', '-o=name', '-l=app=x'], ['get', '-o', 'name', '-l', 'app=x']],
    [['get', '-A=true'], ['get', '-A']],
    [['get', '-A=false', '-n', 'x'], ['get', '-n', 'x']],
    [['get', '--namespace=x'], ['get', '--namespace=x']],
    [['-n', 'x', 'get', 'r1'], ['get', 'r1', '-n', 'x']],
    [['-n=x', '--context', 'c', 'tree', 'r1'], ['tree', 'r1', '-n', 'x', '--context', 'c']],
    [['-v', '6', 'abort', 'run', 'r1'], ['abort', 'run', 'r1', '-v', '6']],
    [['get', '--', '-n=x'], ['get', '--', '-n=x']],
    [['-n', 'x', 'get', '--', 'y'], ['get', '-n', 'x', '--', 'y']],
  ])('%j -> %j', (args, expected) => {
    expect(fromKubectlFlagSyntax(program(), args)).toEqual(expected);
  });

  it('leaves flags nobody knows for commander to refuse', () => {
    expect(fromKubectlFlagSyntax(program(), ['--bogus=1', 'get'])).toEqual(['--bogus=1', 'get']);
  });

  it('gives `-f=FILE` the same answer as `-f FILE`', async () => {
    const spaced = await runCliInProcess(['convert', '-f', 'examples/pipeline-pod.yaml']);
    const joined = await runCliInProcess(['convert', '-f=examples/pipeline-pod.yaml']);
    expect(spaced.code).toBe(0);
    expect(joined).toEqual(spaced);
  });

  it('accepts a flag before the command name', async () => {
    const after = await runCliInProcess(['convert', '-f', 'examples/pipeline-pod.yaml']);
    const before = await runCliInProcess(['-f', 'examples/pipeline-pod.yaml', 'convert']);
    expect(before).toEqual(after);
  });
});

describe('-v', () => {
  it('traces requests from level 6, to the given stream', () => {
    const lines: string[] = [];
    const err = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) });
    expect(connectionFlags({ v: '5' }, err).trace).toBeUndefined();
    connectionFlags({ v: '6' }, err).trace?.('GET https://x/api 200 OK in 3 milliseconds');
    expect(lines).toEqual(['GET https://x/api 200 OK in 3 milliseconds\n']);
  });

  it('refuses a level that is not a whole number', async () => {
    const result = await runCliInProcess(['get', '-v=high', '-s', 'https://127.0.0.1:1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/-v must be a whole number from 0 to 10, got "high"/);
  });
});
