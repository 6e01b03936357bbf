import { Command, CommanderError } from 'commander';
import { registerAbort } from './commands/abort.js';
import { registerCompletion } from './commands/completion.js';
import { registerConvert } from './commands/convert.js';
import { registerEnqueue } from './commands/enqueue.js';
import { registerExecutor } from './commands/executor.js';
import { registerGet } from './commands/get.js';
import { registerTree } from './commands/tree.js';
import { registerInstall } from './commands/install.js';
import { registerRevert } from './commands/revert.js';
import { registerServe } from './commands/serve.js';
import { registerStatus } from './commands/status.js';
import { registerVersion } from './commands/version.js';

/** Builds the command tree. Each subcommand lives in its own file and loads heavy modules only when run. */
export function buildProgram(name: string): Command {
  const program = new Command(name)
    .description(
      'Sequential containers for Pods/Jobs/CronJobs, a Kubernetes-native TaskAction queue (Flyte v2 compatible) and its executor.',
    )
    .usage('<command> [flags]')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false })
    .exitOverride();
  registerConvert(program);
  registerRevert(program);
  registerStatus(program);
  registerEnqueue(program);
  registerAbort(program);
  registerGet(program);
  registerTree(program);
  registerInstall(program);
  registerServe(program);
  registerExecutor(program);
  registerCompletion(program);
  registerVersion(program);
  return program;
}

export { CommanderError };
