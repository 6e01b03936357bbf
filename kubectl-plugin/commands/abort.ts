import { type Command } from 'commander';
import { type ConnectionOptionValues, addConnectionFlags } from '../connection-options.js';
import { addExamples } from '../examples-help.js';
import { addRunScopeFlags } from '../run-defaults.js';

export interface AbortCommandOptions extends ConnectionOptionValues {
  run?: string;
  cascade?: string;
  wait?: boolean;
  timeout?: string;
  org?: string;
  project?: string;
  domain?: string;
  dryRun?: string;
}

function addAbortFlags(command: Command): Command {
  command
    .option('--cascade <policy>', 'background (default) | foreground | orphan: how the deletion reaches descendants', 'background')
    .option('--wait', 'wait until every deleted TaskAction is gone, showing progress')
    .option('--timeout <duration>', 'with --wait: give up after this long (e.g. 2m)', '5m')
    .option('--dry-run <mode>', 'server: ask the API server, delete nothing');
  return addConnectionFlags(addRunScopeFlags(command, 'defaults'));
}

export function registerAbort(program: Command): void {
  const abort = program.command('abort').description('Abort a run or one action: one delete, Kubernetes cascades to every descendant');
  const run = abort
    .command('run')
    .description('Abort a run: delete its root TaskAction; all its actions go with it')
    .argument('<run>', 'the run name')
    .action(async (name: string, options: AbortCommandOptions) => {
      const { runAbort } = await import('../lazy/abort.js');
      await runAbort({ run: name }, options);
    });
  addAbortFlags(run);
  addExamples(run, program, ['abort run demo-run', 'abort run demo-run --wait --timeout 2m', 'abort run demo-run --cascade foreground']);
  const action = abort
    .command('action')
    .description('Abort one action and its descendants; its parent and siblings keep running')
    .argument('<action>', 'the action name')
    .requiredOption('--run <run>', 'the run the action belongs to')
    .action(async (name: string, options: AbortCommandOptions) => {
      const { runAbort } = await import('../lazy/abort.js');
      await runAbort({ run: options.run ?? '', action: name }, options);
    });
  addAbortFlags(action);
  addExamples(action, program, ['abort action train --run demo-run', 'abort action train --run demo-run --wait']);
}
