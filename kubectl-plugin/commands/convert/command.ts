import { type Command } from 'commander';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { repeatable } from '../../flags/repeatable.js';
import { type ManifestTransformFlags, addManifestTransformFlags } from '../manifest-transform/transform-flags.js';

export function registerConvert(program: Command, io: IOStreams): void {
  const command = program
    .command('convert')
    .description('Rewrite Pods, Jobs and CronJobs so their containers run one after the other; other documents pass through')
    .option('--entrypoint-image <image>', 'image of the Tekton entrypoint init container (for registry mirrors)')
    .option('--skip-converted', 'leave objects that are already sequential as they are instead of failing')
    .option('--compact', "mount in each step only the previous step's and its own run volume (output grows linearly, not with the square of the step count)")
    .option('--sidecar <name>', 'run this container as a native sidecar beside the steps instead of as a step (repeatable)', repeatable)
    .option('--fold-requests', 'per resource, keep only the largest step request (steps run one at a time); limits are untouched');
  addManifestTransformFlags(command).action(async (flags: ManifestTransformFlags) => {
    const { runManifestTransform } = await import('../manifest-transform/run.js');
    await runManifestTransform(io, 'convert', flags);
  });
  addExamples(command, program, [
    'convert -f pod.yaml | kubectl apply -f -',
    'convert -f manifests/ -R --in-place',
    'convert -f job.json -o yaml --entrypoint-image registry.local/tekton/entrypoint:v0.59',
    'convert -f - --strict < pod.yaml',
    'convert -f many-steps.yaml --compact',
    'convert -f pod.yaml --sidecar envoy --sidecar log-shipper',
  ]);
}
