import { CommanderError, buildProgram } from './program.js';
import { invocationName } from './invocation-name.js';
import { renderError } from './render-error.js';

// A closed pipe (`| head`) is not an error: stop writing quietly, as kubectl does.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram(invocationName(argv[1]));
  if (argv[2] === '__complete') {
    // Shell completion bypasses option parsing: the words are whatever the user has typed so far.
    const { runCompletion } = await import('./completion/run-completion.js');
    await runCompletion(program, argv.slice(3));
    return 0;
  }
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has already printed help or its own message.
      return err.exitCode;
    }
    process.stderr.write(`${renderError(err)}\n`);
    return 1;
  }
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
