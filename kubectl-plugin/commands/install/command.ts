import { type Command, Option } from 'commander';
import { DEFAULT_CRD_ESTABLISHED_TIMEOUT_MS, formatDuration } from '../../../shared/kube/index.js';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';
import { type DryRunMode } from '../../flags/dry-run.js';

export interface InstallFlags extends ConnectionOptionValues {
  dryRun: DryRunMode;
  output?: string;
  timeout: string;
  force?: boolean;
}

export function registerInstall(program: Command, io: IOStreams): void {
  const command = program
    .command('install')
    .description('Install the TaskAction CRD and the kueue-user, kueue-serve, kueue-executor and kueue-signaller ClusterRoles (server-side apply)')
    .addOption(
      new Option('--dry-run <strategy>', 'none: apply; client: print the objects without contacting the cluster; server: let the API server check them, store nothing')
        .choices(['none', 'client', 'server'])
        .default('none'),
    )
    .option('-o, --output <format>', 'print the objects instead of a line each: yaml|json|name|jsonpath=TEMPLATE|jsonpath-file=FILE|custom-columns=SPEC|custom-columns-file=FILE')
    .option('--force', "replace a TaskAction CRD that is not kueue's (Flyte's own); without it install refuses and says what would change")
    .option('--timeout <duration>', 'how long to wait for the CRD to be established', formatDuration(DEFAULT_CRD_ESTABLISHED_TIMEOUT_MS))
    .action(async (flags: InstallFlags) => {
      const { runInstall } = await import('./run.js');
      await runInstall(io, flags);
    });
  // Only cluster-wide objects: a namespace flag would do nothing, so there is none.
  addConnectionFlags(command, { namespace: false });
  addExamples(command, program, [
    'install',
    'install --dry-run=server',
    'install --force   # replace Flyte\'s own TaskAction CRD with kueue\'s',
    'install --dry-run=client -o yaml > kueue-install.yaml',
    'install --context prod --as admin',
  ]);
}
