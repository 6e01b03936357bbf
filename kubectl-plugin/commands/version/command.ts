import { type Command } from 'commander';
import { productVersion } from '../../../shared/version/index.js';
import { type IOStreams } from '../../cli/io-streams.js';

export function registerVersion(program: Command, io: IOStreams): void {
  program
    .command('version')
    .description('Print the plugin version')
    .option('-o, --output <format>', 'output format: json|yaml')
    .action((flags: { output?: string }) => {
      const version = productVersion();
      if (flags.output === 'json') {
        io.out.write(`${JSON.stringify({ clientVersion: { version, nodeVersion: process.version } }, null, 2)}\n`);
      } else if (flags.output === 'yaml') {
        io.out.write(`clientVersion:\n  version: ${version}\n  nodeVersion: ${process.version}\n`);
      } else if (flags.output === undefined) {
        io.out.write(`Client Version: v${version}\n`);
      } else {
        throw new Error(`--output must be one of json|yaml, got "${flags.output}"`);
      }
    });
}
