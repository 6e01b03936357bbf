import { type Command, Option } from 'commander';
import { DEFAULT_CRD_ESTABLISHED_TIMEOUT_MS, formatDuration } from '../../../shared/kube/index.js';
import { publishedImage } from '../../../shared/version/index.js';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';
import { type DryRunMode } from '../../flags/dry-run.js';

export interface InstallFlags extends ConnectionOptionValues {
  dryRun: DryRunMode;
  output?: string;
  timeout: string;
  force?: boolean;
  withExecutor?: boolean;
  image?: string;
}

export function registerInstall(program: Command, io: IOStreams): void {
  const command = program
    .command('install')
    .description(
      'Install the TaskAction CRD and the kueue-user, kueue-serve, kueue-executor and kueue-signaller ClusterRoles (server-side apply); with --with-executor, also the in-cluster executor of one namespace',
    )
    .addOption(
      new Option('--dry-run <strategy>', 'none: apply; client: print the objects without contacting the cluster; server: let the API server check them, store nothing')
        .choices(['none', 'client', 'server'])
        .default('none'),
    )
    .option('-o, --output <format>', 'print the objects instead of a line each: yaml|json|name|jsonpath=TEMPLATE|jsonpath-file=FILE|custom-columns=SPEC|custom-columns-file=FILE')
    .option('--force', "replace a TaskAction CRD that is not kueue's (Flyte's own); without it install refuses and says what would change")
    .option('--timeout <duration>', 'how long to wait for the CRD to be established', formatDuration(DEFAULT_CRD_ESTABLISHED_TIMEOUT_MS))
    .option('--with-executor', 'also apply the executor of the namespace (-n, default the context\'s): ServiceAccount kueue-executor, its RoleBinding, Deployment kueue-executor')
    .option('--image <image>', `the executor's container image, with --with-executor (default ${publishedImage()})`)
    .action(async (flags: InstallFlags) => {
      const { runInstall } = await import('./run.js');
      await runInstall(io, flags);
    });
  // -n places the executor (--with-executor); everything else install applies is cluster-wide.
  addConnectionFlags(command);
  addExamples(command, program, [
    'install',
    'install --dry-run=server',
    'install --force   # replace Flyte\'s own TaskAction CRD with kueue\'s',
    'install --dry-run=client -o yaml > kueue-install.yaml',
    'install --with-executor -n flyte --image registry.example/kubectl-kueue:0.1.0',
    'install --context prod --as admin',
  ]);
}
