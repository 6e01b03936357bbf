import { type Command } from 'commander';
import { type ConnectionOptionValues, addConnectionFlags } from '../connection-options.js';
import { addExamples } from '../examples-help.js';

export interface StatusOptions extends ConnectionOptionValues {
  watch?: boolean;
  output?: string;
}

export function registerStatus(program: Command): void {
  const command = program
    .command('status')
    .description('Show which step of a sequential Pod runs, with each step\'s state, exit code and duration')
    .argument('<pod>', 'the Pod: NAME or pod/NAME')
    .option('-w, --watch', 'keep showing changes until the Pod finishes')
    .option('-o, --output <format>', 'output format: json|yaml (default: a table)')
    .action(async (pod: string, options: StatusOptions) => {
      const { runStatus } = await import('../lazy/status.js');
      await runStatus(pod, options);
    });
  addConnectionFlags(command);
  addExamples(command, program, ['status train-pipeline', 'status pod/train-pipeline -n batch -w', 'status train-pipeline -o json']);
}
