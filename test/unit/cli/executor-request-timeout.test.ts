import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

// Refused before any connection is made: the server named here does not exist.
const OFFLINE = ['-s', 'https://127.0.0.1:1', '--insecure-skip-tls-verify'];

describe('executor --request-timeout', () => {
  it('shows its finite default in the help, unlike the other commands\' "no limit"', async () => {
    const help = await runCliInProcess(['executor', '--help']);
    expect(help.code).toBe(0);
    // Help text wraps at the terminal width: compare it with its spacing collapsed.
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    expect(flat(help.stdout)).toContain('--request-timeout <duration> how long to wait for one request (watches excepted) (default: "30s")');
    expect(flat(help.stdout)).toContain('stops acting at once (nothing more is written)');
    const get = await runCliInProcess(['get', '--help']);
    expect(flat(get.stdout)).toContain('how long to wait for one request (e.g. 30s; 0 = no limit)');
  });

  it('refuses 0, which would let one hung request keep a deposed leader acting', async () => {
    const result = await runCliInProcess(['executor', ...OFFLINE, '--request-timeout=0']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error: --request-timeout cannot be 0 for the executor');
    expect(result.stderr).toContain('--request-timeout=30s');
  });

  it('refuses a limit below a second and a value that is not a duration, naming the flag', async () => {
    const short = await runCliInProcess(['executor', ...OFFLINE, '--request-timeout', '200ms']);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('error: --request-timeout must be at least 1s for the executor');
    const garbled = await runCliInProcess(['executor', ...OFFLINE, '--request-timeout', 'soon']);
    expect(garbled.code).toBe(1);
    expect(garbled.stderr).toContain('invalid duration "soon" for --request-timeout');
  });
});
