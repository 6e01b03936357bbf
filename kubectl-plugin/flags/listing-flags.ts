import { type Command } from 'commander';

/** The flags of kubectl's listings that `get` and `list` share: output format, label selector, all namespaces. */
export interface ListingOptionValues {
  output?: string;
  selector?: string;
  allNamespaces?: boolean;
  /** Commander turns `--no-headers` into `headers: false`. */
  headers?: boolean;
}

/** `-o`, `-l` (whose meaning the command says), `-A`, `--no-headers`, with kubectl's letters. */
export function addListingFlags(command: Command, selects: string): Command {
  return command
    .option('-o, --output <format>', 'wide|yaml|json|name|jsonpath=TEMPLATE|jsonpath-file=FILE|custom-columns=SPEC|custom-columns-file=FILE')
    .option('-l, --selector <selector>', selects)
    .option('-A, --all-namespaces', 'list across all namespaces')
    .option('--no-headers', 'leave out the header row');
}
