import { processStreams } from './cli/io-streams.js';
import { runProgram } from './run-program.js';

// A closed pipe (`| head`) is not an error: stop writing quietly, as kubectl does.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

void runProgram(process.argv.slice(2), processStreams(), process.argv[1]).then((code) => {
  process.exitCode = code;
});
