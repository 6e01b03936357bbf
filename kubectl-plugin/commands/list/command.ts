import { type Command } from 'commander';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';
import { type ListingOptionValues, addListingFlags } from '../../flags/listing-flags.js';
import { type PrintingOptionValues, addPrintingFlags } from '../../flags/printing-flags.js';
import { repeatable } from '../../flags/repeatable.js';
import { addRunScopeFlags } from '../../flags/run-scope-flags.js';

export interface ListFlags extends ConnectionOptionValues, ListingOptionValues, PrintingOptionValues {
  status?: string[];
  since?: string;
  org?: string;
  project?: string;
  domain?: string;
  fieldSelector?: string;
}

export function registerList(program: Command, io: IOStreams): void {
  const command = program
    .command('list')
    .description("List runs, newest first, each with the status derived from all of its actions (not only the root's)")
    .option('--status <status>', 'only runs in this status: Pending, Running, Succeeded, Failed or Aborted (repeatable, or comma-separated)', repeatable)
    .option('--since <duration>', 'only runs enqueued within this long, e.g. 30m, 1h, 24h')
    .option('--field-selector <selector>', 'only runs with an action matching this server-side field selector (metadata.name, metadata.namespace)')
    .action(async (flags: ListFlags) => {
      const { runList } = await import('./run.js');
      await runList(io, flags);
    });
  addConnectionFlags(addRunScopeFlags(addPrintingFlags(addListingFlags(command, 'only runs with an action matching this label selector')), 'filter'));
  addExamples(command, program, ['list', 'list -A --status failed', 'list --status Running,Pending --since 1h', 'list -o wide --project ml', 'list -o json', "list -o custom-columns=RUN:.metadata.name,STATUS:.status.phase --sort-by .metadata.creationTimestamp"]);
}
