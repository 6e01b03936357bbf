import { type Command } from 'commander';
import { repeatable } from '../../flags/repeatable.js';

/** Flags shared by `convert` and `revert` (the last five only exist on `convert`). */
export interface ManifestTransformFlags {
  filename?: string[];
  recursive?: boolean;
  output?: string;
  strict?: boolean;
  inPlace?: boolean;
  entrypointImage?: string;
  skipConverted?: boolean;
  compact?: boolean;
  sidecar?: string[];
  foldRequests?: boolean;
}

export function addManifestTransformFlags(command: Command): Command {
  return command
    .option('-f, --filename <path>', 'a manifest file, a directory of .yaml/.yml/.json files, or - for standard input (repeatable)', repeatable)
    .option('-R, --recursive', 'also read the subdirectories of directories given with -f')
    .option('-o, --output <format>', 'yaml|json (default: the format of the input)')
    .option('--strict', 'fail on documents left unchanged (other kinds, or objects already in the asked form) instead of passing them through')
    .option('--in-place', 'rewrite the files themselves (atomically, keeping comments) instead of printing');
}
