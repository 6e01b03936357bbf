import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

// Bad flags are refused before any connection is made, so these need no cluster.
describe('kubectl kueue list flags', () => {
  it.each([
    [['--status', 'done'], 'error: --status: "done" is not a run status\n'],
    [['--since', 'yesterday'], 'error: invalid duration "yesterday" for --since\n'],
    [['--since', '0s'], 'error: --since must be at least 1ms\n'],
    [['-o', 'table'], 'error: --output must be one of wide|yaml|json|name|jsonpath=...|jsonpath-file=...|custom-columns=...|custom-columns-file=..., got "table"\n'],
  ])('%j is refused with a message naming the flag', async (args, message) => {
    const { code, stdout, stderr } = await runCliInProcess(['list', ...args]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.startsWith(message)).toBe(true);
  });

  it('says which values --status takes', async () => {
    const { stderr } = await runCliInProcess(['list', '--status', 'Failed,done']);
    expect(stderr).toContain('Pending, Running, Succeeded, Failed, Aborted');
  });
});
