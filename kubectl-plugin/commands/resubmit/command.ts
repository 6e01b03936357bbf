import { type Command } from 'commander';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';
import { addRunScopeFlags } from '../../flags/run-scope-flags.js';

export interface ResubmitFlags extends ConnectionOptionValues {
  run?: string;
  org?: string;
  project?: string;
  domain?: string;
  output?: string;
}

export function registerResubmit(program: Command, io: IOStreams): void {
  const command = program
    .command('resubmit')
    .description('Enqueue a new run with the same actions as an existing one (same specs, parents and annotations)')
    .argument('<run>', 'the run to copy')
    .option('--run <name>', 'the new run\'s name (default: the old name with a random suffix)')
    .option('-o, --output <format>', 'yaml|json|name|jsonpath=TEMPLATE|jsonpath-file=FILE|custom-columns=SPEC|custom-columns-file=FILE');
  command.action(async (run: string, flags: ResubmitFlags) => {
    const { runResubmit } = await import('./run.js');
    await runResubmit(io, run, flags);
  });
  addConnectionFlags(addRunScopeFlags(command, 'filter'));
  addExamples(command, program, ['resubmit nightly', 'resubmit nightly --run nightly-2', 'resubmit nightly -o name']);
}
