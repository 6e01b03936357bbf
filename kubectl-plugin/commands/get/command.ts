import { type Command } from 'commander';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';
import { type ListingOptionValues, addListingFlags } from '../../flags/listing-flags.js';
import { type PrintingOptionValues, addPrintingFlags } from '../../flags/printing-flags.js';
import { addRunScopeFlags } from '../../flags/run-scope-flags.js';

export interface GetFlags extends ConnectionOptionValues, ListingOptionValues, PrintingOptionValues {
  watch?: boolean;
  watchOnly?: boolean;
  fieldSelector?: string;
  org?: string;
  project?: string;
  domain?: string;
}

export function registerGet(program: Command, io: IOStreams): void {
  const command = program
    .command('get')
    .description('List TaskActions (all, or the actions of one run)')
    .argument('[run]', 'only the actions of this run, or taskaction/NAME for one TaskAction by name')
    .argument('[action]', 'only this action of the run')
    .option('-w, --watch', 'keep the list up to date until interrupted; with -o json|yaml|name|jsonpath one object per change')
    .option('--watch-only', 'watch for changes without listing first (implies -w)')
    .option('--field-selector <selector>', 'server-side field selector, e.g. metadata.name=NAME (metadata.name and metadata.namespace)')
    .action(async (run: string | undefined, action: string | undefined, flags: GetFlags) => {
      const { runGet } = await import('./run.js');
      await runGet(io, [run, action].filter((arg) => arg !== undefined), flags);
    });
  addConnectionFlags(addRunScopeFlags(addPrintingFlags(addListingFlags(command, 'label selector, e.g. flyte.org/is-root=true')), 'filter'));
  addExamples(command, program, ['get', 'get demo-run -o wide', 'get -A -l flyte.org/is-root=true', 'get demo-run -w', 'get demo-run -o name', 'get demo-run train -o yaml', 'get taskaction/local-default-development-demo-run-a0', "get -o jsonpath='{range .items[*]}{.spec.actionName}{\"\\n\"}{end}'", 'get -o custom-columns=RUN:.spec.runName,ACTION:.spec.actionName --sort-by .metadata.creationTimestamp', 'get -L flyte.org/run --show-labels']);
}
