import { UserError } from '../../shared/errors/user-error.js';
import { HttpKubeClient } from '../../shared/kube/http-kube-client.js';
import { loadConnection } from '../../shared/kube/load-connection.js';
import { actionsFromManifest } from '../../shared/queue/actions-from-manifest.js';
import { enqueueActions } from '../../shared/queue/enqueue.js';
import { orderParentsFirst } from '../../shared/queue/order-parents-first.js';
import { type ActionDescription } from '../../shared/task-action/action-description.js';
import { buildTaskAction } from '../../shared/task-action/build-task-action.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { taskActionName } from '../../shared/task-action/naming.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { type EnqueueCommandOptions } from '../commands/enqueue.js';
import { connectionFlags } from '../connection-options.js';
import { readInputFiles } from '../input-files.js';
import { type DryRunMode, parseCount, parseDryRun, parseKeyValues } from '../key-values.js';
import { parseDocuments } from '../parse-documents.js';
import { objectName, parseObjectFormat, renderObjects } from '../printers/object-output.js';
import { runScope } from '../run-defaults.js';

function actionsFromFlags(commandArgs: string[], options: EnqueueCommandOptions, scope: ReturnType<typeof runScope>): ActionDescription[] {
  if (!options.run) throw new UserError('--run is required', {}, 'name the run, e.g. --run nightly (1-30 characters)');
  if (!options.image) throw new UserError('--image is required for a container task', {}, 'give --image IMAGE, or -f with a Pod, Job or TaskAction manifest');
  const template = containerTaskTemplate({
    image: options.image,
    command: commandArgs,
    env: parseKeyValues(options.env, '--env'),
    retries: parseCount(options.retries, '--retries'),
    ...(options.taskType ? { taskType: options.taskType } : {}),
  });
  const annotations = parseKeyValues(options.annotation, '--annotation');
  return [
    {
      ...scope,
      runName: options.run,
      actionName: options.action ?? 'a0',
      ...(options.parent !== undefined ? { parentActionName: options.parent } : {}),
      ...(annotations ? { annotations } : {}),
      taskTemplate: template,
    },
  ];
}

function collectActions(commandArgs: string[], options: EnqueueCommandOptions): ActionDescription[] {
  const scope = runScope(options);
  if (!options.filename || options.filename.length === 0) return actionsFromFlags(commandArgs, options, scope);
  if (commandArgs.length > 0 || options.image) {
    throw new UserError('give either -f or --image with a command, not both');
  }
  const documents = parseDocuments(readInputFiles(options.filename, { recursive: options.recursive }));
  if (documents.length === 0) throw new UserError('the input has no documents to enqueue');
  return actionsFromManifest(documents, {
    ...scope,
    ...(options.run !== undefined ? { runName: options.run } : {}),
    ...(options.action !== undefined ? { actionName: options.action } : {}),
    ...(options.parent !== undefined ? { parentActionName: options.parent } : {}),
    sequential: options.sequential,
    retries: parseCount(options.retries, '--retries'),
    annotations: parseKeyValues(options.annotation, '--annotation'),
  });
}

/** Client dry run: the objects as they would be sent, parents' uids unknown until they exist. */
function buildLocally(actions: ActionDescription[], namespace: string): TaskAction[] {
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

function suffix(mode: DryRunMode): string {
  return mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
}

export async function runEnqueue(commandArgs: string[], options: EnqueueCommandOptions): Promise<void> {
  const format = parseObjectFormat(options.output);
  const dryRun = parseDryRun(options.dryRun);
  const actions = collectActions(commandArgs, options);

  if (dryRun === 'client') {
    let namespace = options.namespace ?? 'default';
    try {
      namespace = loadConnection(connectionFlags(options)).namespace;
    } catch {
      // A client dry run needs no cluster; without a kubeconfig the namespace is -n or "default".
    }
    const objects = buildLocally(actions, namespace);
    process.stdout.write(format ? renderObjects(objects, format) : objects.map((o) => `${objectName(o)} created${suffix(dryRun)}\n`).join(''));
    return;
  }

  const connection = loadConnection(connectionFlags(options));
  const client = new HttpKubeClient(connection);
  try {
    const results = await enqueueActions(client, actions, { namespace: connection.namespace, dryRun: dryRun === 'server', concurrency: 16 });
    if (format) {
      process.stdout.write(renderObjects(results.map((r) => r.object), format));
    } else {
      process.stdout.write(results.map((r) => `${objectName(r.object)} ${r.outcome}${suffix(dryRun)}\n`).join(''));
    }
  } finally {
    client.close();
  }
}
