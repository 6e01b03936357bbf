import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { processStreams } from '../../../kubectl-plugin/cli/io-streams.js';
import { completionScript, kubectlCompleteShim } from '../../../kubectl-plugin/commands/completion/shell-scripts.js';
import { completeWords } from '../../../kubectl-plugin/completion/complete-words.js';
import { buildProgram } from '../../../kubectl-plugin/program.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

// Only the command tree is used: nothing is parsed or run, so nothing is written to these streams.
const program = buildProgram(processStreams(), 'kubectl-kueue');

describe('completeWords', () => {
  it('completes subcommands, and nested ones', () => {
    expect(completeWords(program, ['t']).candidates).toEqual(['tree']);
    expect(completeWords(program, ['abort', '']).candidates).toEqual(['run', 'action']);
  });

  it('completes the flags of the command being typed', () => {
    expect(completeWords(program, ['abort', 'run', '--c']).candidates).toEqual(['--cascade', '--certificate-authority', '--cleanup', '--client-certificate', '--client-key', '--cluster', '--context']);
  });

  it('offers fixed flag values and asks the cluster for names', () => {
    expect(completeWords(program, ['abort', 'run', 'x', '--cascade', 'f']).candidates).toEqual(['foreground']);
    expect(completeWords(program, ['abort', 'run', 'x', '--cleanup', 'a']).candidates).toEqual(['auto', 'always']);
    expect(completeWords(program, ['list', '--status', '']).candidates).toEqual(['Pending', 'Running', 'Succeeded', 'Failed', 'Aborted']);
    expect(completeWords(program, ['tree', '']).dynamic).toBe('runs');
    expect(completeWords(program, ['tree', '-n', 'team', '']).dynamic).toBe('runs');
    expect(completeWords(program, ['abort', 'action', '']).dynamic).toBe('actions');
    expect(completeWords(program, ['status', '']).dynamic).toBe('pods');
    expect(completeWords(program, ['get', '-n', '']).dynamic).toBe('namespaces');
    expect(completeWords(program, ['get', '--context', '']).dynamic).toBe('contexts');
  });

  it('leaves file names to the shell for -f', () => {
    expect(completeWords(program, ['enqueue', '-f', '']).directive).toBe(0);
  });

  it('logs completes a run, then the actions of that run', () => {
    expect(completeWords(program, ['logs', '']).dynamic).toBe('runs');
    expect(completeWords(program, ['logs', 'nightly', '']).dynamic).toBe('actions');
    expect(completeWords(program, ['logs', '-f', 'nightly', 'tr']).run).toBe('nightly');
  });

  it('signal completes a run, then the condition actions of that run, then nothing', () => {
    expect(completeWords(program, ['signal', '']).dynamic).toBe('runs');
    expect(completeWords(program, ['signal', 'nightly', '']).dynamic).toBe('conditions');
    expect(completeWords(program, ['signal', '-n', 'flyte', 'nightly', 'ap']).run).toBe('nightly');
    expect(completeWords(program, ['signal', 'nightly', 'approve', '']).dynamic).toBeUndefined();
    expect(completeWords(program, ['wait', '']).dynamic).toBe('runs');
    expect(completeWords(program, ['stop', '']).dynamic).toBe('runs');
    expect(completeWords(program, ['stop', 'nightly', ''])).toMatchObject({ dynamic: 'actions', run: 'nightly' });
  });

  it('enqueue --parent completes the actions of the run given by --run; get RUN ACTION the actions of RUN', () => {
    expect(completeWords(program, ['enqueue', '--run', 'nightly', '--parent', ''])).toMatchObject({ dynamic: 'actions', directive: 4 });
    expect(completeWords(program, ['get', 'nightly', ''])).toMatchObject({ dynamic: 'actions', run: 'nightly' });
  });

  it('stops offering names after the positional argument', () => {
    expect(completeWords(program, ['tree', 'demo', '']).dynamic).toBeUndefined();
  });
});

describe('completion scripts', () => {
  it('bash calls __complete with the words typed and drops the directive line', () => {
    const script = completionScript('bash', 'kubectl-kq');
    expect(script).toContain('kubectl-kq __complete "${COMP_WORDS[@]:1:$COMP_CWORD}"');
    expect(script).toContain('complete -F _kubectl_kq kubectl-kq');
  });

  it('bash offers file names only when the directive allows them', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kueue-bash-'));
    writeFileSync(path.join(dir, 'job.yaml'), '');
    // A stand-in for the plugin answering __complete: no candidates, the directive given by the test.
    const binary = path.join(dir, 'kubectl-kq');
    writeFileSync(binary, '#!/bin/sh\necho ":$KQ_DIRECTIVE"\n', { mode: 0o755 });
    const complete = (directive: number) =>
      spawnSync('bash', ['-c', `${completionScript('bash', binary)}\ncd "${dir}"; COMP_WORDS=(kubectl-kq enqueue -f j); COMP_CWORD=3; ${'_' + binary.replace(/[^A-Za-z0-9]/g, '_')}; printf '%s\\n' "\${COMPREPLY[@]}"`], {
        encoding: 'utf8',
        env: { ...process.env, KQ_DIRECTIVE: String(directive) },
      }).stdout;
    expect(complete(0)).toBe('job.yaml\n');
    expect(complete(4)).toBe('\n');
  });

  it('the kubectl shim forwards every word', () => {
    expect(kubectlCompleteShim('kubectl-kq')).toBe('#!/bin/sh\n# kubectl calls this to complete "kubectl kq ...".\nexec kubectl-kq __complete "$@"\n');
  });

  it('answers in the protocol kubectl expects, without a cluster for static words', async () => {
    const result = await runCliInProcess(['__complete', 'get', '-o', '']);
    expect(result.stdout).toBe('yaml\njson\nname\nwide\n:4\n');
    const offline = await runCliInProcess(['__complete', 'tree', '--server', 'https://127.0.0.1:1', '--insecure-skip-tls-verify', '']);
    expect(offline.code).toBe(0);
    expect(offline.stdout).toBe(':4\n');
    const unknownShell = await runCliInProcess(['completion', 'tcsh']);
    expect(unknownShell.stderr).toBe('error: unsupported shell "tcsh": use bash, zsh or fish\n');
  });
});
