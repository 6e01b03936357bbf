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

/**
 * By name, not `instanceof`: commands run from bundles of their own (dist/lib/), each with its own copy of the
 * class, so an instance thrown there is not an instance of the program's class.
 */
export function isSilentExit(err: unknown): err is SilentExit {
  return err instanceof Error && err.name === 'SilentExit' && typeof (err as { code?: unknown }).code === 'number';
}
