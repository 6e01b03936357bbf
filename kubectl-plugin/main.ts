import { processStreams } from './cli/io-streams.js';
import { runProgram } from './run-program.js';

// A closed pipe (`| head`) is not an error: stop writing quietly, as kubectl does.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

void runProgram(process.argv.slice(2), processStreams(), process.argv[1]).then(async (code) => {
  process.exitCode = code;
  // The command is over: once its output is flushed, exit. Left to itself, Node would first wait for V8 to finish
  // optimizing, in the background, code this run no longer needs (some 20 ms of a short command such as convert).
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
});

/** Settles once everything written to the stream so far has been handed to the system (or the stream is gone). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) resolve();
    else stream.write('', () => resolve());
  });
}
