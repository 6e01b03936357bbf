import { type Command, Option } from 'commander';
import { type ConnectionOptionValues, addConnectionFlags } from '../connection-options.js';
import { addExamples } from '../examples-help.js';

export type DryRunStrategy = 'none' | 'client' | 'server';

export interface InstallOptions extends ConnectionOptionValues {
  dryRun: DryRunStrategy;
  output?: string;
  timeout: string;
}

export function registerInstall(program: Command): void {
  const command = program
    .command('install')
    .description('Install the TaskAction CRD and the kueue-user, kueue-serve and kueue-executor ClusterRoles (server-side apply)')
    .addOption(
      new Option('--dry-run <strategy>', 'none: apply; client: print the objects without contacting the cluster; server: let the API server check them, store nothing')
        .choices(['none', 'client', 'server'])
        .default('none'),
    )
    .option('-o, --output <format>', 'print the objects instead of a line each: yaml|json|name')
    .option('--timeout <duration>', 'how long to wait for the CRD to be established', '1m')
    .action(async (options: InstallOptions) => {
      const { runInstall } = await import('../lazy/install.js');
      await runInstall(options);
    });
  // Only cluster-wide objects: a namespace flag would do nothing, so there is none.
  addConnectionFlags(command, { namespace: false });
  addExamples(command, program, [
    'install',
    'install --dry-run=server',
    'install --dry-run=client -o yaml > kueue-install.yaml',
    'install --context prod --as admin',
  ]);
}
