// The kubectl plugin, laid out as kubectl lays out its commands:
//
//   launcher/          the executable: V8 flags, the bundles' compile cache, then main.ts's bundle
//   main.ts            the process: real streams, exit code, a closed pipe
//   run-program.ts     argv in, exit code out, output through the given streams (tests run it in-process)
//   program.ts         the command table
//   commands/<name>/   one folder per command: command.ts defines its flags and help (all that `--help`
//                      parses); run.ts does the work (parse and check the flags, then run), loaded only when
//                      the command runs, plus helpers no other command uses. convert and revert share
//                      commands/manifest-transform/; watch runs tree's run.ts
//   cli/               plumbing the commands share: streams, interrupts, errors, input files, live views
//   flags/             flags several commands share, and the parsers of their values
//   printers/          tables, trees and object output (yaml|json|name), separate from the commands as in kubectl
//   completion/        the `__complete` protocol kubectl's completion speaks
//
// Every dynamic `import()` of a relative path becomes a bundle of its own (see esbuild.mjs), which is what keeps
// the Kubernetes client, protobuf and the YAML document layer out of `--help`.
import { Command } from 'commander';
import { executableName, invocationName } from './cli/invocation-name.js';
import { type IOStreams, isTerminal } from './cli/io-streams.js';
import { registerAbort } from './commands/abort/command.js';
import { registerCompletion } from './commands/completion/command.js';
import { registerConvert } from './commands/convert/command.js';
import { registerDescribe } from './commands/describe/command.js';
import { registerEnqueue } from './commands/enqueue/command.js';
import { registerExecutor } from './commands/executor/command.js';
import { registerGet } from './commands/get/command.js';
import { registerInstall } from './commands/install/command.js';
import { registerResubmit } from './commands/resubmit/command.js';
import { registerRetry } from './commands/retry/command.js';
import { registerList } from './commands/list/command.js';
import { registerLogs } from './commands/logs/command.js';
import { registerRevert } from './commands/revert/command.js';
import { registerServe } from './commands/serve/command.js';
import { registerSignal } from './commands/signal/command.js';
import { registerStatus } from './commands/status/command.js';
import { registerStop } from './commands/stop/command.js';
import { registerTree } from './commands/tree/command.js';
import { registerVersion } from './commands/version/command.js';
import { registerWait } from './commands/wait/command.js';
import { registerWatch } from './commands/watch/command.js';
import { terminalStyle } from './printers/terminal-style.js';

type Register = (program: Command, io: IOStreams, argv1: string | undefined) => void;

/** The commands in the order help lists them, by the word that names each on the command line. */
const COMMANDS: ReadonlyMap<string, Register> = new Map<string, Register>([
  ['convert', registerConvert],
  ['revert', registerRevert],
  ['status', registerStatus],
  ['enqueue', registerEnqueue],
  ['abort', registerAbort],
  ['signal', registerSignal],
  ['retry', registerRetry],
  ['resubmit', registerResubmit],
  ['list', registerList],
  ['wait', registerWait],
  ['stop', registerStop],
  ['get', registerGet],
  ['tree', registerTree],
  ['describe', registerDescribe],
  ['logs', registerLogs],
  ['watch', registerWatch],
  ['install', registerInstall],
  ['serve', registerServe],
  ['executor', registerExecutor],
  ['completion', (program, io, argv1) => registerCompletion(program, io, executableName(argv1))],
  ['version', registerVersion],
]);

/**
 * The one command a command line runs, when its first word names one: only that command needs defining
 * (defining all of them is a good part of a short command's start-up). Anything else (help, a flag first, an
 * unknown word that needs suggestions) gets the whole table.
 */
export function commandNamedBy(args: readonly string[]): string | undefined {
  const first = args[0];
  return first !== undefined && COMMANDS.has(first) ? first : undefined;
}

/**
 * Builds the command tree writing to `io`; `argv1` is the path we were started as, which names us in usage
 * and in completion scripts. Commander's own messages (help, usage errors) go to the same streams. With
 * `only`, the tree holds that command alone (see commandNamedBy).
 */
export function buildProgram(io: IOStreams, argv1: string | undefined, only?: string): Command {
  const program = new Command(invocationName(argv1))
    .description(
      'Sequential containers for Pods/Jobs/CronJobs, a Kubernetes-native TaskAction queue (Flyte v2 compatible) and its executor.',
    )
    .usage('<command> [flags]')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false })
    // Set before any subcommand is added: subcommands copy these settings when they are created.
    .configureOutput({
      writeOut: (text) => io.out.write(text),
      writeErr: (text) => io.err.write(text),
      getOutHelpWidth: () => helpWidth(io.out),
      getErrHelpWidth: () => helpWidth(io.err),
      getOutHasColors: () => terminalStyle({}, io.out).color,
      getErrHasColors: () => terminalStyle({}, io.err).color,
    })
    .exitOverride();
  for (const [name, register] of COMMANDS) if (only === undefined || name === only) register(program, io, argv1);
  return program;
}

/** Help wraps at the terminal's width; in a pipe or a file, at commander's usual 80 columns. */
function helpWidth(stream: IOStreams['out']): number {
  return (isTerminal(stream) ? (stream as { columns?: number }).columns : undefined) ?? 80;
}
