/**
 * Ends a command with an exit code and nothing more on stderr, for commands that have already said why
 * (kubectl's ErrExit). Thrown rather than setting process.exitCode, so a command run inside a test cannot
 * change the exit code of the test process.
 */
export class SilentExit extends Error {
  constructor(readonly code: number) {
    super(`exit status ${code}`);
    this.name = 'SilentExit';
  }
}
