import { type Command } from 'commander';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { addConnectionFlags } from '../../flags/connection-flags.js';
import { addRunScopeFlags } from '../../flags/run-scope-flags.js';
import { LIVE_EXIT_HELP, type TreeFlags } from '../tree/command.js';

/** `watch RUN`: `tree RUN -w` under the name argo users type. */
export function registerWatch(program: Command, io: IOStreams): void {
  const command = program
    .command('watch')
    .description('Follow a run live until it finishes: the same as `tree RUN -w`')
    .argument('<run>', 'the run name')
    .option('--ascii', 'plain ASCII glyphs and icons')
    .action(async (run: string, flags: TreeFlags) => {
      const { runTree } = await import('../tree/run.js');
      await runTree(io, run, { ...flags, watch: true });
    });
  addConnectionFlags(addRunScopeFlags(command, 'filter'));
  command.addHelpText('after', LIVE_EXIT_HELP);
  addExamples(command, program, ['watch demo-run']);
}
