import { type Command } from 'commander';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ManifestTransformFlags, addManifestTransformFlags } from '../manifest-transform/transform-flags.js';

export function registerRevert(program: Command, io: IOStreams): void {
  const command = program
    .command('revert')
    .description('Restore the parallel Pods, Jobs and CronJobs that convert started from; other documents pass through');
  addManifestTransformFlags(command).action(async (flags: ManifestTransformFlags) => {
    const { runManifestTransform } = await import('../manifest-transform/run.js');
    await runManifestTransform(io, 'revert', flags);
  });
  addExamples(command, program, ['revert -f converted-pod.yaml', 'revert -f manifests/ -R --in-place']);
}
