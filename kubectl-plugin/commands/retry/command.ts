import { type Command } from 'commander';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';
import { addRunScopeFlags } from '../../flags/run-scope-flags.js';

export interface RetryFlags extends ConnectionOptionValues {
  org?: string;
  project?: string;
  domain?: string;
}

export function registerRetry(program: Command, io: IOStreams): void {
  const command = program
    .command('retry')
    .description('Run the failed, aborted and upstream-failed actions of a run (or of one action\'s subtree) again, in place, with new attempts')
    .argument('<run>', 'the run name')
    .argument('[action]', 'only this action and the actions below it')
    .action(async (run: string, action: string | undefined, flags: RetryFlags) => {
      const { runRetry } = await import('./run.js');
      await runRetry(io, { run, ...(action !== undefined ? { action } : {}) }, flags);
    });
  addConnectionFlags(addRunScopeFlags(command, 'filter'));
  command.addHelpText(
    'after',
    '\nSucceeded actions are kept. Each retried action gets a new attempt (and a new Pod), and its retries apply again;\nthe executor starts it. A run with nothing to retry is left alone (exit 0).\n',
  );
  addExamples(command, program, ['retry nightly', 'retry nightly train', 'retry nightly -n flyte --project ml']);
}
