import { type Command } from 'commander';
import { formatDuration } from '../../../shared/kube/index.js';
import { DEFAULT_WAIT_TIMEOUT_MS } from '../../../shared/queue/index.js';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';
import { addRunScopeFlags } from '../../flags/run-scope-flags.js';

export interface AbortFlags extends ConnectionOptionValues {
  run?: string;
  cascade: string;
  wait?: boolean;
  timeout: string;
  org?: string;
  project?: string;
  domain?: string;
  dryRun?: string;
  cleanup: string;
}

function addAbortFlags(command: Command): Command {
  command
    .option('--cascade <policy>', 'background (default) | foreground | orphan: how the deletion reaches descendants', 'background')
    .option('--wait', 'wait until every deleted TaskAction is gone, showing progress')
    .option('--timeout <duration>', 'with --wait: give up after this long (e.g. 2m)', formatDuration(DEFAULT_WAIT_TIMEOUT_MS))
    .option('--dry-run <mode>', 'server: ask the API server, delete nothing')
    .option(
      '--cleanup <who>',
      'who stops the Pods and removes the finalizers: auto (abort itself when no executor holds the Lease), always (abort itself), never (the executor, when one runs)',
      'auto',
    );
  return addConnectionFlags(addRunScopeFlags(command, 'defaults'));
}

export function registerAbort(program: Command, io: IOStreams): void {
  const abort = program.command('abort').description('Abort a run or one action: one delete, Kubernetes cascades to every descendant');
  const run = abort
    .command('run')
    .description('Abort a run: delete its root TaskAction; all its actions go with it')
    .argument('<run>', 'the run name')
    .action(async (name: string, flags: AbortFlags) => {
      const { runAbort } = await import('./run.js');
      await runAbort(io, { run: name }, flags);
    });
  addAbortFlags(run);
  addExamples(run, program, ['abort run demo-run', 'abort run demo-run --wait --timeout 2m', 'abort run demo-run --cascade foreground', 'abort run demo-run --cleanup never']);
  const action = abort
    .command('action')
    .description('Abort one action and its descendants; its parent and siblings keep running')
    .argument('<action>', 'the action name')
    .requiredOption('--run <run>', 'the run the action belongs to')
    .action(async (name: string, flags: AbortFlags) => {
      const { runAbort } = await import('./run.js');
      await runAbort(io, { run: flags.run ?? '', action: name }, flags);
    });
  addAbortFlags(action);
  addExamples(action, program, ['abort action train --run demo-run', 'abort action train --run demo-run --wait']);
}
