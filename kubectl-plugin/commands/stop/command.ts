import { type Command } from 'commander';
import { formatDuration } from '../../../shared/kube/index.js';
import { DEFAULT_WAIT_TIMEOUT_MS } from '../../../shared/queue/index.js';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';
import { addRunScopeFlags } from '../../flags/run-scope-flags.js';

export interface StopFlags extends ConnectionOptionValues {
  all?: boolean;
  selector?: string;
  allNamespaces?: boolean;
  wait?: boolean;
  timeout: string;
  org?: string;
  project?: string;
  domain?: string;
}

export function registerStop(program: Command, io: IOStreams): void {
  const command = program
    .command('stop')
    .description('Stop a run, or one action and its descendants: the executor aborts their Pods and marks them Aborted, keeping them')
    .argument('[run]', 'the run name (or --all, or -l)')
    .argument('[action]', 'only this action and everything below it')
    .option('--all', 'stop every unfinished run of the namespace')
    .option('-l, --selector <selector>', 'stop the unfinished runs with an action matching this label selector')
    .option('-A, --all-namespaces', 'with --all or -l: in every namespace')
    .option('--wait', 'wait until the executor has stopped every action')
    .option('--timeout <duration>', 'with --wait: give up after this long (e.g. 2m)', formatDuration(DEFAULT_WAIT_TIMEOUT_MS))
    .action(async (run: string | undefined, action: string | undefined, flags: StopFlags) => {
      const { runStop } = await import('./run.js');
      await runStop(io, run, action, flags);
    });
  addConnectionFlags(addRunScopeFlags(command, 'filter'));
  command.addHelpText(
    'after',
    '\nFinished actions keep their outcome. Unlike abort (a delete), stopped actions stay, marked Aborted, so their history stays visible.\n',
  );
  addExamples(command, program, ['stop nightly', 'stop nightly train --wait', 'stop --all -n flyte', 'stop -l flyte.org/project=ml --wait --timeout 2m']);
}
