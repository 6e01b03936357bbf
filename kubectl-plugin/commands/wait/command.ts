import { type Command } from 'commander';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';
import { addRunScopeFlags } from '../../flags/run-scope-flags.js';

export interface WaitFlags extends ConnectionOptionValues {
  timeout?: string;
  org?: string;
  project?: string;
  domain?: string;
}

export function registerWait(program: Command, io: IOStreams): void {
  const command = program.command('wait').description('Wait until a run is finished and print its status; exit 0 only when it succeeded');
  command.argument('<run>', 'the run name').option('--timeout <duration>', 'give up after this long (e.g. 10m; default: wait as long as it takes)');
  addConnectionFlags(addRunScopeFlags(command, 'filter'));
  command.action(async (run: string, flags: WaitFlags) => {
    const { runWait } = await import('./run.js');
    await runWait(io, run, flags);
  });
  command.addHelpText('after', '\nExit status: 0 the run succeeded, 1 it failed or was aborted (or the run does not exist), 2 the timeout ran out first.\n');
  addExamples(command, program, ['wait nightly', 'wait nightly --timeout 10m -n flyte', 'wait nightly --project ml --domain prod']);
}
