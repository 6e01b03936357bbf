import { type Command } from 'commander';

/** Flags shared by `convert` and `revert`. */
export interface ManifestTransformFlags {
  filename?: string[];
  recursive?: boolean;
  output?: string;
  entrypointImage?: string;
  strict?: boolean;
  inPlace?: boolean;
  skipConverted?: boolean;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function addManifestTransformFlags(command: Command): Command {
  return command
    .option('-f, --filename <path>', 'a manifest file, a directory of .yaml/.yml/.json files, or - for standard input (repeatable)', collect)
    .option('-R, --recursive', 'also read the subdirectories of directories given with -f')
    .option('-o, --output <format>', 'yaml|json (default: the format of the input)')
    .option('--strict', 'fail on documents left unchanged (other kinds, or objects already in the asked form) instead of passing them through')
    .option('--in-place', 'rewrite the files themselves (atomically, keeping comments) instead of printing');
}
