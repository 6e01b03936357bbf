import { type Command } from 'commander';
import { type ConnectionOptionValues, addConnectionFlags } from '../connection-options.js';
import { addExamples } from '../examples-help.js';
import { addRunScopeFlags } from '../run-defaults.js';

export interface TreeOptions extends ConnectionOptionValues {
  watch?: boolean;
  ascii?: boolean;
  org?: string;
  project?: string;
  domain?: string;
}

export function registerTree(program: Command): void {
  const command = program
    .command('tree')
    .description('Show a run as a tree of its actions (by ownerReference) with phases and durations')
    .argument('<run>', 'the run name')
    .option('-w, --watch', 're-render live until interrupted (or until the run finishes)')
    .option('--ascii', 'plain ASCII glyphs and icons')
    .action(async (run: string, options: TreeOptions) => {
      const { runTree } = await import('../lazy/tree.js');
      await runTree(run, options);
    });
  addConnectionFlags(addRunScopeFlags(command, 'filter'));
  addExamples(command, program, ['tree demo-run', 'tree demo-run -w', 'tree demo-run --project ml --ascii']);

  const watch = program
    .command('watch')
    .description('Follow a run live: the same as `tree RUN -w`')
    .argument('<run>', 'the run name')
    .option('--ascii', 'plain ASCII glyphs and icons')
    .action(async (run: string, options: TreeOptions) => {
      const { runTree } = await import('../lazy/tree.js');
      await runTree(run, { ...options, watch: true });
    });
  addConnectionFlags(addRunScopeFlags(watch, 'filter'));
  addExamples(watch, program, ['watch demo-run']);
}
