import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

// The flags are checked before any connection is made, so a kubeconfig that does not exist is never read.
const base = ['executor', '--kubeconfig', '/nonexistent/kubeconfig', '-n', 'flyte'];

describe('executor retry flags', () => {
  it('documents the backoff and the kept Pods with their defaults', async () => {
    const help = await runCliInProcess(['executor', '--help']);
    expect(help.stdout).toMatch(/--retry-backoff <duration>\s+wait before the second attempt of a failed action; doubles[\s\S]*\(default: "10s"\)/);
    expect(help.stdout).toMatch(/--retry-backoff-max <duration>\s+the longest wait between two attempts \(default: "5m"\)/);
    expect(help.stdout).toMatch(/--keep-attempt-pods <n>\s+keep the Pods \(and logs\) of this many[\s\S]*\(default: "3"\)/);
  });

  it('refuses a backoff that is not a duration, naming the flag', async () => {
    const result = await runCliInProcess([...base, '--retry-backoff', 'soon']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('invalid duration "soon" for --retry-backoff');
  });

  it('refuses a maximum shorter than the first wait', async () => {
    const result = await runCliInProcess([...base, '--retry-backoff', '1m', '--retry-backoff-max', '30s']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--retry-backoff-max (30s) is shorter than --retry-backoff (1m)');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to keep no attempt\'s Pod: the running attempt\'s Pod is always kept', async () => {
    const result = await runCliInProcess([...base, '--keep-attempt-pods', '0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--keep-attempt-pods');
    const words = await runCliInProcess([...base, '--keep-attempt-pods', 'all']);
    expect(words.code).toBe(1);
    expect(words.stderr).toContain('--keep-attempt-pods');
  });
});
