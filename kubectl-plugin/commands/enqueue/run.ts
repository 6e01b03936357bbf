import { formatLocation, isUserError, UserError } from '../../../shared/errors/index.js';
import { HttpKubeClient, loadConnection } from '../../../shared/kube/index.js';
import { actionsFromManifest, checkBatchOrderLocally, DEFAULT_WAIT_TIMEOUT_MS, enqueueActions, orderParentsFirst, type RunScope, runScope, type WaitForDeletion } from '../../../shared/queue/index.js';
import { type RunRef } from '../../../shared/runs/index.js';
import { type ActionDescription, buildTaskAction, containerTaskResources, containerTaskTemplate, DEFAULT_ACTION_NAME, type ResourceRequirements, type TaskAction, taskActionName } from '../../../shared/task-action/index.js';
import { printExecutorNotices } from '../../cli/executor-notice.js';
import { readInputFiles } from '../../cli/input-files.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { waitForRunsExitCode } from '../../cli/run-wait.js';
import { SilentExit } from '../../cli/silent-exit.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { type DryRunMode, parseDryRun } from '../../flags/dry-run.js';
import { parseOptionalDurationFlag } from '../../flags/duration-flag.js';
import { parseKeyValues } from '../../flags/key-values.js';
import { parseResourceList } from '../../flags/resource-list-flag.js';
import { parseOptionalWholeNumber } from '../../flags/whole-number.js';
import { objectName } from '../../printers/object-output.js';
import { parseOutputFormat } from '../../printers/output-format.js';
import { SINGLE_OBJECT_FORMATS, type SingleObjectFormat, renderSingleObjects } from '../../printers/single-objects-output.js';
import { type EnqueueFlags } from './command.js';
import { refuseContradictoryFlags, refuseFlagsTaskActionsIgnore } from './contradictory-flags.js';
import { withOrderingFlags } from './ordering-flags.js';
import { parseDocuments } from './parse-documents.js';

/** Creates in flight at once within one level of a run: wide runs go in quickly without flooding the API server. */
const CREATE_CONCURRENCY = 16;

/** `enqueue` with every flag parsed and every input read: what to create, and how to show it. */
interface EnqueueOptions {
  actions: ActionDescription[];
  format: SingleObjectFormat | undefined;
  dryRun: DryRunMode;
  /** `--wait`: how long at most (undefined: no limit); absent when not waiting. */
  wait?: { timeoutMs: number | undefined };
}

export async function runEnqueue(io: IOStreams, commandArgs: string[], flags: EnqueueFlags): Promise<void> {
  const options = await complete(io, commandArgs, flags);
  if (options.dryRun === 'client') {
    const objects = buildLocally(options.actions, clientDryRunNamespace(flags));
    io.out.write(render(objects.map((object) => ({ object, outcome: 'created' })), options));
    return;
  }
  const connection = loadConnection(connectionFlags(flags, io.err));
  const client = new HttpKubeClient(connection);
  try {
    const results = await enqueueActions(client, options.actions, {
      namespace: connection.namespace,
      dryRun: options.dryRun === 'server',
      concurrency: CREATE_CONCURRENCY,
      onWarning: (message) => io.err.write(`Warning: ${message}\n`),
      ...(options.wait !== undefined ? { waitForDeletion: waitForEarlierDeletion(io, options.wait.timeoutMs) } : {}),
    });
    io.out.write(render(results, options));
    if (options.dryRun !== 'none') return;
    const objects = results.map((result) => result.object);
    if (options.wait === undefined) {
      await printExecutorNotices(io, client, objects);
      return;
    }
    const code = await waitForRunsExitCode(io, client, runsOf(objects, connection.namespace), options.wait.timeoutMs);
    if (code !== 0) throw new SilentExit(code);
  } finally {
    client.close();
  }
}

/** `--wait` also waits, bounded by --timeout (or the default), for an earlier run of the same name to be deleted. */
function waitForEarlierDeletion(io: IOStreams, timeoutMs: number | undefined): WaitForDeletion {
  return {
    timeoutMs: timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS,
    onProgress: (remaining) => io.err.write(`waiting for the earlier run to be deleted: ${remaining} TaskAction(s) left\n`),
  };
}

/** The runs the enqueued actions belong to, each once. */
function runsOf(objects: readonly TaskAction[], namespace: string): RunRef[] {
  const runs = new Map<string, RunRef>();
  for (const object of objects) {
    const ref: RunRef = {
      namespace: object.metadata.namespace ?? namespace,
      runName: object.spec.runName,
      project: object.spec.project,
      domain: object.spec.domain,
    };
    runs.set(`${ref.namespace}/${ref.project ?? ''}/${ref.domain ?? ''}/${ref.runName}`, ref);
  }
  return [...runs.values()];
}

/** The objects in the asked format, or kubectl's `NAME created` line for each. */
function render(created: readonly { object: TaskAction; outcome: string }[], options: EnqueueOptions): string {
  if (options.format) return renderSingleObjects(created.map((c) => c.object), options.format);
  const suffix = options.dryRun === 'client' ? ' (dry run)' : options.dryRun === 'server' ? ' (server dry run)' : '';
  return created.map((c) => `${objectName(c.object)} ${c.outcome}${suffix}\n`).join('');
}

/** Parses the flags and reads the inputs; flag combinations are checked before any file is read. */
async function complete(io: IOStreams, commandArgs: string[], flags: EnqueueFlags): Promise<EnqueueOptions> {
  const format = parseOutputFormat(flags.output, SINGLE_OBJECT_FORMATS);
  const dryRun = parseDryRun(flags.dryRun);
  validate(commandArgs, flags);
  if (flags.timeout !== undefined && !flags.wait) throw new UserError('--timeout needs --wait');
  if (flags.wait && dryRun !== 'none') throw new UserError('--wait cannot be combined with --dry-run: a dry run creates nothing to wait for');
  const timeoutMs = parseOptionalDurationFlag(flags.timeout, '--timeout', { minMs: 1 });
  const scope = runScope(flags);
  const actions = flags.filename?.length ? await actionsFromFiles(io, flags.filename, flags, scope) : [actionFromFlags(commandArgs, flags, scope)];
  return { actions: withOrderingFlags(actions, flags), format, dryRun, ...(flags.wait ? { wait: { timeoutMs } } : {}) };
}

/** One action from flags (a container task), or actions from manifests: never both. */
function validate(commandArgs: string[], flags: EnqueueFlags): void {
  refuseContradictoryFlags(commandArgs, flags);
  if (flags.filename?.length) return;
  if (!flags.run) throw new UserError('--run is required', {}, 'name the run, e.g. --run nightly (1-30 characters)');
  if (!flags.image) throw new UserError('--image is required for a container task', {}, 'give --image IMAGE, or -f with a Pod, Job or TaskAction manifest');
}

/** `--requests` and `--limits`, or undefined when neither is given (the core's defaults then apply). */
function resourceFlags(flags: EnqueueFlags): ResourceRequirements | undefined {
  const requests = parseResourceList(flags.requests, '--requests');
  const limits = parseResourceList(flags.limits, '--limits');
  if (requests === undefined && limits === undefined) return undefined;
  const resources = { ...(requests !== undefined ? { requests } : {}), ...(limits !== undefined ? { limits } : {}) };
  // Checked here, once, so that a request above its limit is blamed on the flags, not on a document.
  withResourceFlagContext(() => containerTaskResources(resources));
  return resources;
}

/** A request above its limit is found by the core, which names template fields; here the flags are the input. */
function withResourceFlagContext<T>(build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (isUserError(err) && err.location.field?.startsWith('resources.') === true) {
      throw new UserError(`--requests/--limits: ${err.message}`, {}, err.hint);
    }
    throw err;
  }
}

function actionFromFlags(commandArgs: string[], flags: EnqueueFlags, scope: RunScope): ActionDescription {
  const resources = resourceFlags(flags);
  const taskTemplate = containerTaskTemplate({
    image: flags.image ?? '',
    command: commandArgs,
    env: parseKeyValues(flags.env, '--env'),
    retries: parseOptionalWholeNumber(flags.retries, '--retries'),
    ...(flags.taskType ? { taskType: flags.taskType } : {}),
    ...(resources !== undefined ? { resources } : {}),
  });
  const annotations = parseKeyValues(flags.annotation, '--annotation');
  return {
    ...scope,
    runName: flags.run ?? '',
    actionName: flags.action ?? DEFAULT_ACTION_NAME,
    ...(flags.parent !== undefined ? { parentActionName: flags.parent } : {}),
    ...(annotations ? { annotations } : {}),
    taskTemplate,
  };
}

async function actionsFromFiles(io: IOStreams, paths: string[], flags: EnqueueFlags, scope: RunScope): Promise<ActionDescription[]> {
  const resources = resourceFlags(flags);
  const documents = parseDocuments(await readInputFiles(paths, () => io.in, { recursive: flags.recursive }));
  if (documents.length === 0) throw new UserError('the input has no documents to enqueue');
  refuseFlagsTaskActionsIgnore(documents, flags);
  return actionsFromManifest(documents, {
    ...scope,
    ...(flags.run !== undefined ? { runName: flags.run } : {}),
    ...(flags.action !== undefined ? { actionName: flags.action } : {}),
    ...(flags.parent !== undefined ? { parentActionName: flags.parent } : {}),
    sequential: flags.sequential,
    retries: parseOptionalWholeNumber(flags.retries, '--retries'),
    ...(resources !== undefined ? { resources, resourcesOrigin: '--requests and --limits' } : {}),
    annotations: parseKeyValues(flags.annotation, '--annotation'),
    onWarning: (message, location) => io.err.write(`Warning: ${formatLocation(location)}: ${message}\n`),
  });
}

/** A client dry run needs no cluster; without a kubeconfig the namespace is -n or "default". */
function clientDryRunNamespace(flags: EnqueueFlags): string {
  try {
    return loadConnection(connectionFlags(flags)).namespace;
  } catch {
    return flags.namespace ?? 'default';
  }
}

/** Client dry run: the objects as they would be sent, parents' uids unknown until they exist. */
function buildLocally(actions: ActionDescription[], namespace: string): TaskAction[] {
  checkBatchOrderLocally(actions, namespace);
  return orderParentsFirst(actions)
    .flat()
    .map((action) => {
      const parent =
        action.parentActionName !== undefined
          ? { name: taskActionName({ ...action, actionName: action.parentActionName }), uid: '<assigned when the parent is created>' }
          : undefined;
      return buildTaskAction({ ...action, namespace: action.namespace ?? namespace }, parent);
    });
}
