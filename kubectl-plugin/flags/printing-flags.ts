import { type Command } from 'commander';
import { repeatable } from './repeatable.js';

/** kubectl's printing flags beyond `-o`/`--no-headers` (listing-flags.ts), for commands that list objects. */
export interface PrintingOptionValues {
  showLabels?: boolean;
  labelColumns?: string[];
  sortBy?: string;
}

/** `--show-labels`, `-L/--label-columns`, `--sort-by`, described once for every listing. */
export function addPrintingFlags(command: Command): Command {
  return command
    .option('--show-labels', 'add a LABELS column with all labels')
    .option('-L, --label-columns <keys>', 'add a column per label key, e.g. -L flyte.org/run,team (repeatable)', repeatable)
    .option('--sort-by <path>', 'sort by the value at this JSONPath, e.g. .metadata.creationTimestamp or .spec.actionName');
}

/** The `-L` keys: repeatable and comma-separated, as kubectl takes them. */
export function labelColumnKeys(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((k) => k.trim()).filter(Boolean);
}
