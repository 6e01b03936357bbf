import { type Command } from 'commander';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';
import { addRunScopeFlags } from '../../flags/run-scope-flags.js';

export interface DescribeFlags extends ConnectionOptionValues {
  output?: string;
  org?: string;
  project?: string;
  domain?: string;
}

export function registerDescribe(program: Command, io: IOStreams): void {
  const command = program
    .command('describe')
    .description("Show an action in detail (task, conditions, phase history, attempts with their Pods, last error, Events), or a run's actions")
    .argument('<run>', 'the run name')
    .argument('[action]', 'the action name (default: one line per action of the run)')
    .option('-o, --output <format>', 'the same as data: yaml|json|jsonpath=TEMPLATE|jsonpath-file=FILE|custom-columns=SPEC|custom-columns-file=FILE');
  addConnectionFlags(addRunScopeFlags(command, 'filter'));
  addExamples(command, program, ['describe nightly train', 'describe nightly', 'describe nightly train -o yaml']);
  command.action(async (run: string, action: string | undefined, flags: DescribeFlags) => {
    const { runDescribe } = await import('./run.js');
    await runDescribe(io, { run, action }, flags);
  });
}
