import { type Command } from 'commander';
import { type ConnectionOptionValues, addConnectionFlags } from '../connection-options.js';
import { addExamples } from '../examples-help.js';
import { addRunScopeFlags } from '../run-defaults.js';

export interface GetOptions extends ConnectionOptionValues {
  output?: string;
  selector?: string;
  allNamespaces?: boolean;
  watch?: boolean;
  /** Commander turns `--no-headers` into `headers: false`. */
  headers?: boolean;
  org?: string;
  project?: string;
  domain?: string;
}

export function registerGet(program: Command): void {
  const command = program
    .command('get')
    .description('List TaskActions (all, or the actions of one run)')
    .argument('[run]', 'only the actions of this run')
    .option('-o, --output <format>', 'wide|yaml|json|name')
    .option('-l, --selector <selector>', 'label selector, e.g. flyte.org/is-root=true')
    .option('-A, --all-namespaces', 'list across all namespaces')
    .option('-w, --watch', 'keep the list up to date until interrupted')
    .option('--no-headers', 'leave out the header row')
    .action(async (run: string | undefined, options: GetOptions) => {
      const { runGet } = await import('../lazy/get.js');
      await runGet(run, options);
    });
  addConnectionFlags(addRunScopeFlags(command, 'filter'));
  addExamples(command, program, ['get', 'get demo-run -o wide', 'get -A -l flyte.org/is-root=true', 'get demo-run -w', 'get demo-run -o name']);
}
