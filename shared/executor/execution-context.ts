import { type TaskTemplate } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { keyOf } from '../kube/index.js';
import { ATTEMPT_LABEL, EXECUTOR_MANAGER, flyteExecutionLabels, type InMemoryResourceManager, JsonPluginState, MANAGED_BY_LABEL, type PluginKubeClient, taskEnvironmentVariables, type TaskExecutionContext, type TaskExecutionMetadata } from '../plugins/index.js';
import { type TaskAction, TASKACTION_API_VERSION, TASKACTION_KIND, type TaskTemplateView, viewTaskTemplate } from '../task-action/index.js';
import { type ExecutorLogger, withFields } from './executor-logger.js';
import { generatedName } from './generated-name.js';

export interface ExecutionContextDeps {
  kubeClient: PluginKubeClient;
  resources: InMemoryResourceManager;
  logger: ExecutorLogger;
  signal: AbortSignal;
  /** Where plugins' Events go; absent: nowhere. */
  recordEvent?: (action: TaskAction, type: 'Normal' | 'Warning', reason: string, message: string) => void;
}

/** A round's context plus what the engine reads back from it afterwards. */
export interface ExecutionRound {
  ctx: TaskExecutionContext;
  state: JsonPluginState;
  view: TaskTemplateView;
  /** Whether the plugin asked for another round soon. */
  refreshRequested(): boolean;
  /** The earliest time the plugin asked for another round at, if it asked (`refreshAt`). */
  refreshAt(): Date | undefined;
}

/** Annotations that describe how the TaskAction was applied, not what plugins should put on what they create. */
const ANNOTATIONS_NOT_COPIED: readonly string[] = ['kubectl.kubernetes.io/last-applied-configuration'];

function copiedAnnotations(action: TaskAction): Record<string, string> {
  const annotations = { ...action.metadata.annotations };
  for (const key of ANNOTATIONS_NOT_COPIED) delete annotations[key];
  return annotations;
}

/** What plugins learn about the attempt they run; everything is derived from the TaskAction, nothing stored. */
export function executionMetadata(action: TaskAction, view: TaskTemplateView, attempt: number): TaskExecutionMetadata {
  const name = action.metadata.name ?? '';
  const namespace = action.metadata.namespace ?? '';
  const metadata: TaskExecutionMetadata = {
    ownerId: { namespace, name },
    namespace,
    ownerReference: {
      apiVersion: TASKACTION_API_VERSION,
      kind: TASKACTION_KIND,
      name,
      uid: action.metadata.uid ?? '',
      controller: true,
      blockOwnerDeletion: true,
    },
    labels: {
      ...action.metadata.labels,
      ...flyteExecutionLabels({
        runName: action.spec.runName,
        actionName: action.spec.actionName,
        attempt,
        ...(view.id !== undefined ? { taskName: view.id.name } : {}),
      }),
      [MANAGED_BY_LABEL]: EXECUTOR_MANAGER,
      [ATTEMPT_LABEL]: String(attempt),
    },
    annotations: copiedAnnotations(action),
    environmentVariables: taskEnvironmentVariables(action.spec, { attempt, ...(view.id !== undefined ? { taskId: view.id } : {}) }),
    attempt,
    maxAttempts: view.maxAttempts,
    interruptible: action.spec.interruptible ?? view.interruptible ?? false,
    generatedName: generatedName(name, attempt),
    generatedNameOf: (other) => generatedName(name, other),
  };
  return view.serviceAccount !== undefined ? { ...metadata, serviceAccountName: view.serviceAccount } : metadata;
}

/** Builds the context for one plugin call on one attempt of a TaskAction. */
export function executionRound(action: TaskAction, template: TaskTemplate, attempt: number, deps: ExecutionContextDeps): ExecutionRound {
  const view = viewTaskTemplate(template);
  const status = action.status ?? {};
  const state = new JsonPluginState({
    ...(status.pluginState !== undefined ? { pluginState: status.pluginState } : {}),
    ...(status.pluginStateVersion !== undefined ? { pluginStateVersion: status.pluginStateVersion } : {}),
  });
  const metadata = executionMetadata(action, view, attempt);
  let refresh = false;
  let refreshAt: Date | undefined;
  const ctx: TaskExecutionContext = {
    taskAction: action,
    taskTemplate: template,
    taskTemplateView: view,
    metadata,
    kubeClient: deps.kubeClient,
    pluginStateReader: state,
    pluginStateWriter: state,
    resourceManager: deps.resources.forExecution(
      { project: action.spec.project, domain: action.spec.domain, runName: action.spec.runName },
      metadata.namespace,
    ),
    logger: withFields(deps.logger, { taskAction: keyOf(metadata.namespace, metadata.ownerId.name), attempt }),
    signal: deps.signal,
    refresh: () => {
      refresh = true;
    },
    recordEvent: (type, reason, message) => deps.recordEvent?.(action, type, reason, message),
    refreshAt: (time) => {
      if (refreshAt === undefined || time < refreshAt) refreshAt = time;
    },
  };
  return { ctx, state, view, refreshRequested: () => refresh, refreshAt: () => refreshAt };
}
