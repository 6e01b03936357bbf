import { type Command } from 'commander';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';
import { addRunScopeFlags } from '../../flags/run-scope-flags.js';

export interface LogsFlags extends ConnectionOptionValues {
  follow?: boolean;
  attempt?: string;
  container?: string;
  step?: string;
  timestamps?: boolean;
  since?: string;
  tail?: string;
  prefix?: boolean;
  org?: string;
  project?: string;
  domain?: string;
}

export function registerLogs(program: Command, io: IOStreams): void {
  const command = program
    .command('logs')
    .description(
      "Print the logs of an action's Pod (its latest attempt), or of every action of a run, each line prefixed with its Pod as argo logs does",
    )
    .argument('<run>', 'the run name')
    .argument('[action]', 'the action name (default: every action of the run)')
    .option('-f, --follow', 'wait for Pods to start and follow the logs until the action (or the run) ends, across attempts and steps')
    .option('--attempt <n>', 'the attempt to print, from 1 (default: the latest; with -f the first followed)')
    .option('-c, --container <name>', 'one container of the Pod (default: the steps of a sequential Pod in order, else the main container)')
    .option('--step <name>', 'one step of a sequential Pod')
    .option('--timestamps', 'start each line with the time the kubelet recorded (RFC 3339)')
    .option('--since <duration>', 'only lines newer than this, e.g. 10m, 1h')
    .option('--tail <n>', 'only the last N lines of each container')
    .option('--prefix', 'prefix lines with their Pod (and container) even for one action')
    .action(async (run: string, action: string | undefined, flags: LogsFlags) => {
      const { runLogs } = await import('./run.js');
      await runLogs(io, { run, action }, flags);
    });
  addConnectionFlags(addRunScopeFlags(command, 'filter'));
  addExamples(command, program, ['logs nightly train', 'logs nightly train -f', 'logs nightly train --attempt 1 --step fetch', 'logs nightly -f --since 10m', 'logs nightly train --tail 20 --timestamps']);
}
