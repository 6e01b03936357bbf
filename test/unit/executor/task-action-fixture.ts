import { type TaskTemplate } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { type ExecutionContextDeps, type ExecutionRound, executionRound } from '../../../shared/executor/execution-context.js';
import { SILENT_LOGGER } from '../../../shared/executor/executor-logger.js';
import { InMemoryResourceManager } from '../../../shared/plugins/in-memory-resource-manager.js';
import { type PluginKubeClient } from '../../../shared/plugins/plugin-kube-client.js';
import { buildTaskAction } from '../../../shared/task-action/build-task-action.js';
import { type TaskAction } from '../../../shared/task-action/types.js';

/** A TaskAction as the API server returns it after enqueueing: built by the queue core, with uid and version. */
export function storedTaskAction(template: TaskTemplate, overrides: { actionName?: string; annotations?: Record<string, string> } = {}): TaskAction {
  const action = buildTaskAction({
    org: 'acme',
    project: 'proj',
    domain: 'dev',
    runName: 'r1',
    actionName: overrides.actionName ?? 'a0',
    namespace: 'flyte',
    taskTemplate: template,
    ...(overrides.annotations !== undefined ? { annotations: overrides.annotations } : {}),
  });
  action.metadata.uid = 'uid-1';
  action.metadata.resourceVersion = '10';
  return action;
}

export function roundFor(
  action: TaskAction,
  template: TaskTemplate,
  client: PluginKubeClient,
  options: { attempt?: number; resources?: InMemoryResourceManager; events?: string[] } = {},
): ExecutionRound {
  const deps: ExecutionContextDeps = {
    kubeClient: client,
    resources: options.resources ?? new InMemoryResourceManager(),
    logger: SILENT_LOGGER,
    signal: new AbortController().signal,
    recordEvent: (_action, type, reason, message) => options.events?.push(`${type} ${reason}: ${message}`),
  };
  return executionRound(action, template, options.attempt ?? 1, deps);
}

const unused = (): never => {
  throw new Error('this test does not talk to Kubernetes');
};

export const NO_CLIENT: PluginKubeClient = { get: unused, create: unused, patch: unused, delete: unused };
