import { CommanderError } from 'commander';
import { fromKubectlFlagSyntax } from './cli/kubectl-flag-syntax.js';
import { type IOStreams } from './cli/io-streams.js';
import { renderError } from './cli/render-error.js';
import { isSilentExit } from './cli/silent-exit.js';
import { buildProgram, commandNamedBy } from './program.js';

/**
 * Runs one command line (`args` without node and the script) and returns the exit code. Everything is
 * written to `io`, errors the way kubectl prints them; nothing here touches the process, so tests can run
 * the CLI in-process exactly as main.ts runs it.
 */
export async function runProgram(args: readonly string[], io: IOStreams, argv1: string | undefined): Promise<number> {
  const program = buildProgram(io, argv1, commandNamedBy(args));
  if (args[0] === '__complete') {
    // Shell completion bypasses option parsing: the words are whatever the user has typed so far.
    const { runCompletion } = await import('./completion/run-completion.js');
    await runCompletion(io, program, args.slice(1));
    return 0;
  }
  try {
    await program.parseAsync(fromKubectlFlagSyntax(program, args), { from: 'user' });
    return 0;
  } catch (err) {
    // Commander has already printed help or its own message.
    if (err instanceof CommanderError) return err.exitCode;
    if (isSilentExit(err)) return err.code;
    io.err.write(`${renderError(err)}\n`);
    return 1;
  }
}
