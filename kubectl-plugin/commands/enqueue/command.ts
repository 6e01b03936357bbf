import { type Command, Option } from 'commander';
import { CONTAINER_TASK_TYPE, DEFAULT_ACTION_NAME, DEFAULT_CONTAINER_REQUESTS } from '../../../shared/task-action/index.js';
import { addExamples } from '../../cli/examples-help.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { type ConnectionOptionValues, addConnectionFlags } from '../../flags/connection-flags.js';
import { repeatable } from '../../flags/repeatable.js';
import { addRunScopeFlags } from '../../flags/run-scope-flags.js';

export interface EnqueueFlags extends ConnectionOptionValues {
  filename?: string[];
  recursive?: boolean;
  org?: string;
  project?: string;
  domain?: string;
  run?: string;
  action?: string;
  parent?: string;
  after?: string;
  childrenWaitForParent?: boolean;
  taskType?: string;
  image?: string;
  env?: string[];
  retries?: string;
  requests?: string[];
  limits?: string[];
  sequential?: boolean;
  annotation?: string[];
  dryRun?: string;
  output?: string;
  wait?: boolean;
  timeout?: string;
}

const DEFAULT_RESOURCES = Object.entries(DEFAULT_CONTAINER_REQUESTS).map(([name, value]) => `${name}=${value}`).join(',');

export function registerEnqueue(program: Command, io: IOStreams): void {
  const command = program
    .command('enqueue')
    .description('Enqueue actions as TaskActions: from flags (a container task), a Pod/Job manifest, or TaskAction YAML')
    .argument('[command...]', 'after --: the container command and its arguments')
    .option('-f, --filename <file>', 'TaskAction YAML (parents created first), or one Pod/Job manifest; - for stdin (repeatable)', repeatable)
    .option('-R, --recursive', 'read directories given with -f recursively')
    .option('--run <run>', 'run name (1-30 characters)')
    .option('--action <action>', `action name (default "${DEFAULT_ACTION_NAME}" for a root action)`)
    .option('--parent <action>', 'parent action name: makes this action a child (it is aborted with its parent)')
    .option('--after <actions>', 'comma-separated actions of the same run that must succeed before this one starts (one action; in files use the kueue.dev/after annotation)')
    .option('--children-wait-for-parent', 'run-level: every child starts only after its parent succeeded (annotates the root)')
    .option('--task-type <type>', `task type for a container task (default "${CONTAINER_TASK_TYPE}")`)
    .option('--image <image>', 'container image of a container task')
    .option('--env <NAME=VALUE>', 'environment variable of the container (repeatable)', repeatable)
    .option('--retries <n>', 'retries after a failed attempt')
    .option('--requests <list>', `container tasks: resource requests, e.g. cpu=500m,memory=256Mi (default ${DEFAULT_RESOURCES}; repeatable)`, repeatable)
    .option('--limits <list>', 'container tasks: resource limits, e.g. cpu=1,memory=512Mi (default: the requests; repeatable)', repeatable)
    .option('--sequential', 'Pod/Job manifests: convert to sequential containers before enqueueing')
    .option('--annotation <KEY=VALUE>', 'annotation to put on the TaskAction (repeatable; copied to its Pod)', repeatable)
    .addOption(new Option('--dry-run [mode]', 'none|client|server: print what would be created; server asks the API server to validate').preset('client'))
    .option('-o, --output <format>', 'yaml|json|name|jsonpath=TEMPLATE|jsonpath-file=FILE|custom-columns=SPEC|custom-columns-file=FILE')
    .option('--wait', 'wait for an earlier run of the same name still being deleted, then until the run is finished; print its status and exit 0 only if it succeeded (1 failed, 2 timed out)')
    .option('--timeout <duration>', 'with --wait: give up after this long (e.g. 10m; default: no limit)');
  command.action(async (commandArgs: string[], flags: EnqueueFlags) => {
    const { runEnqueue } = await import('./run.js');
    await runEnqueue(io, commandArgs, flags);
  });
  addConnectionFlags(addRunScopeFlags(command, 'defaults'));
  addExamples(command, program, [
    'enqueue --run nightly --image busybox:1.36 -- sh -c "echo hello"',
    'enqueue --run nightly --action train --parent a0 --image trainer:1 --env EPOCHS=3 --retries 2 -- python train.py',
    'enqueue --run nightly --action evaluate --parent a0 --after train --image trainer:1 -- python eval.py',
    'enqueue -f examples/run.yaml --children-wait-for-parent',
    'enqueue --run nightly --image trainer:1 --requests cpu=2,memory=4Gi --limits memory=8Gi -- python train.py',
    'enqueue --run nightly -f pod.yaml --sequential',
    'enqueue -f examples/run.yaml',
    'enqueue -f examples/run.yaml --wait --timeout 10m',
    'enqueue -f examples/run.yaml --dry-run=server -o yaml',
  ]);
}
