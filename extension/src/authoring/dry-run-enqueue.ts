import { enqueueInput, type EnqueueTarget } from '../../../shared/authoring/index.js';
import { type KubeClient } from '../../../shared/kube/index.js';
import { actionsFromManifest, enqueueActions, type EnqueueResult, type RunScope } from '../../../shared/queue/index.js';

export interface DryRunRequest {
  text: string;
  file: string;
  target: EnqueueTarget;
  scope: RunScope;
  namespace: string;
  /** The run of a Pod or Job (TaskAction documents name their own). */
  runName: string;
}

/**
 * `kubectl kueue enqueue -f <file> --dry-run=server` for one target of the file: the API server validates and
 * admits every TaskAction (strict field validation included) and stores nothing.
 */
export function dryRunEnqueue(client: KubeClient, request: DryRunRequest): Promise<EnqueueResult[]> {
  const documents = enqueueInput(request.text, request.file, request.target);
  const defaults = request.target.kind === 'TaskAction' ? request.scope : { ...request.scope, runName: request.runName };
  const actions = actionsFromManifest(documents, { ...defaults, namespace: request.namespace });
  return enqueueActions(client, actions, { namespace: request.namespace, dryRun: true });
}
