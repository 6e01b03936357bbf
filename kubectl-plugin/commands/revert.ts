import { type Command } from 'commander';
import { addExamples } from '../examples-help.js';
import { type ManifestTransformFlags, addManifestTransformFlags } from './manifest-transform-flags.js';

export function registerRevert(program: Command): void {
  const command = program
    .command('revert')
    .description('Restore the parallel Pods, Jobs and CronJobs that convert started from; other documents pass through');
  addManifestTransformFlags(command).action(async (flags: ManifestTransformFlags) => {
    const { runManifestTransform } = await import('../lazy/convert-commands.js');
    runManifestTransform('revert', flags);
  });
  addExamples(command, program, ['revert -f converted-pod.yaml', 'revert -f manifests/ -R --in-place']);
}
