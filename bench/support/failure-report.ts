import { errorMessage } from '../../shared/errors/error-message.js';

/**
 * How a bench that failed says so on stderr: with the stack, since a bench failure is a bug to find rather than
 * a user's mistake to explain. Marks the process as failed without cutting short what is still being written.
 */
export function reportFailure(prefix: string): (err: unknown) => void {
  return (err) => {
    const text = err instanceof Error && err.stack !== undefined ? err.stack : errorMessage(err);
    process.stderr.write(`${prefix}${text}\n`);
    process.exitCode = 1;
  };
}
