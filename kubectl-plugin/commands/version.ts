import { type Command } from 'commander';
import { productVersion } from '../../shared/version.js';

export function registerVersion(program: Command): void {
  program
    .command('version')
    .description('Print the plugin version')
    .option('-o, --output <format>', 'output format: json|yaml')
    .action((opts: { output?: string }) => {
      const version = productVersion();
      if (opts.output === 'json') {
        process.stdout.write(`${JSON.stringify({ clientVersion: { version, nodeVersion: process.version } }, null, 2)}\n`);
      } else if (opts.output === 'yaml') {
        process.stdout.write(`clientVersion:\n  version: ${version}\n  nodeVersion: ${process.version}\n`);
      } else if (opts.output === undefined) {
        process.stdout.write(`Client Version: v${version}\n`);
      } else {
        throw new Error(`--output must be one of json|yaml, got "${opts.output}"`);
      }
    });
}
