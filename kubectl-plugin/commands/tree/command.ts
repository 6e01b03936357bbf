import { type Command } from 'commander';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';
import { addRunScopeFlags } from '../../flags/run-scope-flags.js';

export interface TreeFlags extends ConnectionOptionValues {
  watch?: boolean;
  ascii?: boolean;
  org?: string;
  project?: string;
  domain?: string;
}

/** As `wait`'s: a script can follow a run with `watch` and act on how it ended. */
export const LIVE_EXIT_HELP =
  '\nWith -w (and for watch) the view ends by itself once the run is finished. Exit status: 0 the run succeeded, 1 it failed or was aborted.\n';

export function registerTree(program: Command, io: IOStreams): void {
  const command = program
    .command('tree')
    .description('Show a run as a tree of its actions (by ownerReference) with phases and durations')
    .argument('<run>', 'the run name')
    .option('-w, --watch', 'follow live until the run finishes (or until interrupted); exit 0 only when it succeeded')
    .option('--ascii', 'plain ASCII glyphs and icons')
    .action(async (run: string, flags: TreeFlags) => {
      const { runTree } = await import('./run.js');
      await runTree(io, run, flags);
    });
  addConnectionFlags(addRunScopeFlags(command, 'filter'));
  command.addHelpText('after', LIVE_EXIT_HELP);
  addExamples(command, program, ['tree demo-run', 'tree demo-run -w', 'tree demo-run --project ml --ascii']);
}
