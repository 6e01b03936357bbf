import { type Command } from 'commander';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';

export interface StatusFlags extends ConnectionOptionValues {
  watch?: boolean;
  output?: string;
}

export function registerStatus(program: Command, io: IOStreams): void {
  const command = program
    .command('status')
    .description('Show which step of a sequential Pod runs, with each step\'s state, exit code and duration')
    .argument('<pod>', 'the Pod: NAME or pod/NAME')
    .option('-w, --watch', 'keep showing changes until the Pod finishes')
    .option('-o, --output <format>', 'output format: json|yaml|jsonpath=TEMPLATE|jsonpath-file=FILE|custom-columns=SPEC|custom-columns-file=FILE (default: a table)')
    .action(async (pod: string, flags: StatusFlags) => {
      const { runStatus } = await import('./run.js');
      await runStatus(io, pod, flags);
    });
  addConnectionFlags(command);
  addExamples(command, program, ['status train-pipeline', 'status pod/train-pipeline -n batch -w', 'status train-pipeline -o json']);
}
