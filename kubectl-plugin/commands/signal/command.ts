import { type Command } from 'commander';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';

export interface SignalFlags extends ConnectionOptionValues {
  signalledBy?: string;
}

export function registerSignal(program: Command, io: IOStreams): void {
  const signal = program
    .command('signal')
    .description('Resolve a condition action (a run waiting for an answer) with a value; the executor then marks it Succeeded')
    .argument('<run>', 'the run name')
    .argument('<action>', 'the condition action name')
    .argument('<value>', "the answer, of the condition's type: true/false, a whole number, a number, or text")
    .option('--signalled-by <name>', "who answers, recorded in status.signalledBy (default: the kubeconfig's user)")
    .action(async (run: string, action: string, value: string, flags: SignalFlags) => {
      const { runSignal } = await import('./run.js');
      await runSignal(io, { run, action, value }, flags);
    });
  addConnectionFlags(signal);
  addExamples(signal, program, ['signal nightly approve true', 'signal nightly batch-size 64 -n flyte', "signal nightly comment 'looks good' --signalled-by alice"]);
}
