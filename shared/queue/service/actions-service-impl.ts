import { create } from '@bufbuild/protobuf';
import { Code, ConnectError, type HandlerContext, type ServiceImpl } from '@connectrpc/connect';
import { type ActionsService, type EnqueueRequest, EnqueueRequestSchema, WatchForUpdatesResponseSchema } from '@flyteorg/flyteidl2/flyteidl2/actions/actions_service_pb.js';
import { ActionPhase } from '@flyteorg/flyteidl2/flyteidl2/common/phase_pb.js';
import { ActionUpdateSchema } from '@flyteorg/flyteidl2/flyteidl2/workflow/state_service_pb.js';
import { isKubeApiError, isUserError } from '../../errors/index.js';
import { type KubeClient } from '../../kube/index.js';
import { type ActionUpdatesHub, conditionValueType, enqueueCondition, NamespaceKeeper, SignalRefusal, signalAction } from '../../actions/index.js';
import { type ActionDescription, headTaskActionName, type TaskAction, TASKACTIONS } from '../../task-action/index.js';
import { enqueueActions, findAction } from '../index.js';
import { clientTemplateBytes, fieldNumberPath } from './client-template-bytes.js';
import { describeUserError, toConnectError } from './connect-error.js';
import { invalidArgument, requireActionId } from './request-identifiers.js';

/** Labels of the queue and of Flyte's executor: never inherited from a parent. */
const FLYTE_LABEL_PREFIX = 'flyte.org/';

/** Where the template sits in an EnqueueRequest: action.task.spec.task_template. */
const TEMPLATE_PATH = fieldNumberPath(EnqueueRequestSchema, ['action', 'task', 'spec', 'taskTemplate']);

export interface ActionsServiceOptions {
  namespace: string;
  /** The namespace's shared watch, which every WatchForUpdates stream reads. */
  hub: ActionUpdatesHub;
  /** Told about a field the installed CRD prunes (see `EnqueueOptions.onWarning`); the caller dedupes. */
  warn?: (message: string) => void;
}

const SIGNAL_CODES = { invalid: Code.InvalidArgument, 'not-found': Code.NotFound, precondition: Code.FailedPrecondition } as const;

function refusal(err: unknown): ConnectError {
  if (err instanceof SignalRefusal) return new ConnectError(describeUserError(err), SIGNAL_CODES[err.kind]);
  if (isUserError(err) && /already exists/.test(err.message)) return new ConnectError(describeUserError(err), Code.AlreadyExists);
  // A missing parent may still be on its way: failed_precondition is retried by Flyte's SDK, as its Internal is.
  if (isUserError(err) && err.location.field === 'spec.parentActionName') return new ConnectError(describeUserError(err), Code.FailedPrecondition);
  return toConnectError(err);
}

function mapOf(values: { [key: string]: string } | undefined): Record<string, string> | undefined {
  return values !== undefined && Object.keys(values).length > 0 ? { ...values } : undefined;
}

/**
 * The labels a child inherits from its parent: the run's own, not the `flyte.org/` ones, which name the parent
 * itself (its action, is-root) or its state (termination status) and are written afresh for the child.
 */
function inheritedLabels(labels: Record<string, string> | undefined): Record<string, string> | undefined {
  return mapOf(Object.fromEntries(Object.entries(labels ?? {}).filter(([key]) => !key.startsWith(FLYTE_LABEL_PREFIX))));
}

/** The caller, for `signalledBy`: what the SDK sends as the subject, else the application. */
function callerOf(ctx: HandlerContext, subject: string): string {
  return subject || ctx.requestHeader.get('x-user') || 'kueue';
}

/**
 * Flyte's current `ActionsService` over TaskActions, with its naming (`<run>-<action>`, `<run>-a0`) and labels
 * (no org), in one namespace. Enqueue takes task, condition and trace actions (a trace creates nothing: its
 * watchers hear SUCCEEDED at once); WatchForUpdates streams from the namespace's one shared watch; Signal
 * resolves conditions. Codes are more precise than Flyte's `internal` where its SDK accepts them.
 */
export function createActionsServiceImpl(client: KubeClient, options: ActionsServiceOptions): ServiceImpl<typeof ActionsService> {
  const { namespace, hub, warn } = options;
  const namespaceKeeper = new NamespaceKeeper(client, namespace);

  async function enqueueTask(request: EnqueueRequest, ctx: HandlerContext, base: Omit<ActionDescription, 'taskTemplate'>, template: Parameters<typeof clientTemplateBytes>[2]): Promise<void> {
    let description: ActionDescription = { ...base, taskTemplate: clientTemplateBytes(ctx, TEMPLATE_PATH, template) };
    if (base.parentActionName === undefined) {
      const runSpec = request.runSpec;
      const envs = runSpec?.envs?.values ?? [];
      description = {
        ...description,
        ...(mapOf(runSpec?.annotations?.values) ? { annotations: mapOf(runSpec?.annotations?.values) } : {}),
        ...(mapOf(runSpec?.labels?.values) ? { labels: mapOf(runSpec?.labels?.values) } : {}),
        ...(envs.length > 0 ? { envVars: Object.fromEntries(envs.map((kv) => [kv.key, kv.value])) } : {}),
        ...(runSpec?.interruptible !== undefined ? { interruptible: runSpec.interruptible } : {}),
      };
    } else {
      // A child inherits what its run was started with, as in Flyte's service.
      const parent = await findAction(client, namespace, { project: base.project, domain: base.domain, runName: base.runName }, base.parentActionName);
      const spec = parent?.spec;
      description = {
        ...description,
        ...(spec?.envVars ? { envVars: { ...spec.envVars } } : {}),
        ...(spec?.interruptible !== undefined ? { interruptible: spec.interruptible } : {}),
        ...(mapOf(parent?.metadata.annotations) ? { annotations: mapOf(parent?.metadata.annotations) } : {}),
        ...(inheritedLabels(parent?.metadata.labels) ? { labels: inheritedLabels(parent?.metadata.labels) } : {}),
      };
    }
    await namespaceKeeper.within(() => enqueueActions(client, [description], { namespace, naming: 'flyte-head', ...(warn !== undefined ? { onWarning: warn } : {}) }));
  }

  return {
    async enqueue(request, ctx) {
      const action = request.action;
      if (action === undefined) throw invalidArgument(['action is required: give action_id and a task, condition or trace']);
      const id = requireActionId(action.actionId);
      const base = {
        org: id.run.org,
        project: id.run.project,
        domain: id.run.domain,
        runName: id.run.name,
        actionName: id.name,
        ...(action.parentActionName ? { parentActionName: action.parentActionName } : {}),
        ...(action.inputUri !== '' ? { inputUri: action.inputUri } : {}),
        ...(action.runOutputBase !== '' ? { runOutputBase: action.runOutputBase } : {}),
        ...(action.group !== '' ? { group: action.group } : {}),
      };
      const spec = action.spec;
      try {
        switch (spec.case) {
          case 'task': {
            const template = spec.value.spec?.taskTemplate;
            if (template === undefined || template.type === '') throw invalidArgument(['action.task.spec.task_template (with its type) is required']);
            const cacheKey = spec.value.cacheKey;
            await enqueueTask(request, ctx, { ...base, ...(cacheKey ? { cacheKey } : {}), ...(spec.value.spec?.shortName ? { shortName: spec.value.spec.shortName } : {}) }, template);
            return {};
          }
          case 'condition': {
            if (conditionValueType(spec.value) === undefined) {
              throw invalidArgument(['action.condition.type.simple must be BOOLEAN, INTEGER, FLOAT or STRING']);
            }
            const parent = base.parentActionName === undefined ? undefined : await findAction(client, namespace, { project: base.project, domain: base.domain, runName: base.runName }, base.parentActionName);
            await namespaceKeeper.within(() =>
              enqueueCondition(
                client,
                namespace,
                { ...base, inputUri: action.inputUri, runOutputBase: action.runOutputBase, condition: spec.value },
                parent !== undefined ? { name: parent.metadata.name ?? '', uid: parent.metadata.uid ?? '' } : undefined,
              ),
            );
            return {};
          }
          case 'trace': {
            // A trace ran inside its parent; nothing executes it, so its watchers learn its end at once.
            hub.publish(
              { project: base.project, domain: base.domain, runName: base.runName, actionName: base.parentActionName ?? '' },
              create(ActionUpdateSchema, {
                actionId: { run: { project: base.project, domain: base.domain, name: base.runName }, name: base.actionName },
                phase: ActionPhase.SUCCEEDED,
                outputUri: spec.value.outputs?.outputUri ?? '',
              }),
            );
            return {};
          }
          default:
            throw invalidArgument(['action.spec is required: a task, condition or trace']);
        }
      } catch (err) {
        throw refusal(err);
      }
    },

    getLatestState() {
      throw new ConnectError('GetLatestState was removed from Flyte\'s ActionsService; read the action\'s status instead', Code.Unimplemented);
    },

    async *watchForUpdates(request, ctx) {
      if (request.filter.case !== 'parentActionId') throw invalidArgument(['parent_action_id is required']);
      const id = requireActionId(request.filter.value);
      const parent = { project: id.run.project, domain: id.run.domain, runName: id.run.name, actionName: id.name };
      for await (const item of hub.watch(parent, ctx.signal)) {
        yield create(
          WatchForUpdatesResponseSchema,
          item.kind === 'sentinel' ? { message: { case: 'controlMessage', value: { sentinel: true } } } : { message: { case: 'actionUpdate', value: item.update } },
        );
      }
    },

    async update(request) {
      const id = requireActionId(request.actionId);
      const status: Record<string, number> = {};
      if (request.status !== undefined && request.status.attempts > 0) status.attempts = request.status.attempts;
      try {
        await client.patch<TaskAction>(TASKACTIONS, namespace, headTaskActionName(id.run.name, id.name), { status }, 'merge', { subresource: 'status' });
      } catch (err) {
        throw toConnectError(err);
      }
      return {};
    },

    async abort(request) {
      const id = requireActionId(request.actionId);
      try {
        await client.delete(TASKACTIONS, namespace, headTaskActionName(id.run.name, id.name), { propagationPolicy: 'Background' });
      } catch (err) {
        // Gone already is what was asked for.
        if (!(isKubeApiError(err) && err.code === 404)) throw toConnectError(err);
      }
      return {};
    },

    async signal(request, ctx) {
      const id = requireActionId(request.actionId);
      if (request.value === undefined) throw invalidArgument(['value is required: the literal that resolves the condition']);
      try {
        await signalAction(client, namespace, { runName: id.run.name, actionName: id.name, value: request.value, signalledBy: callerOf(ctx, '') });
      } catch (err) {
        throw refusal(err);
      }
      return {};
    },
  };
}
