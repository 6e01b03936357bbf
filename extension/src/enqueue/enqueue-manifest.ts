import { type KubeClient } from '../../../shared/kube/index.js';
import { actionsFromManifest, enqueueActions, type EnqueueResult, type RunScope } from '../../../shared/queue/index.js';
import { type EnqueueInput } from './enqueue-input.js';

/** How a Pod or Job becomes a run: its names, and whether its containers run one after the other. */
export interface WorkloadChoices {
  runName: string;
  actionName: string;
  sequential: boolean;
}

export interface EnqueueManifestRequest {
  input: EnqueueInput;
  scope: RunScope;
  /** For a Pod or Job; TaskAction documents carry their own names. */
  choices?: WorkloadChoices;
  namespace: string;
}

/** Enqueues what `enqueueInput` read, exactly as `kubectl kueue enqueue -f` would (annotations kept). */
export function enqueueManifest(client: KubeClient, request: EnqueueManifestRequest): Promise<EnqueueResult[]> {
  const { input, scope, choices } = request;
  const actions =
    input.kind === 'taskactions'
      ? actionsFromManifest(input.documents, scope)
      : actionsFromManifest([input.document], { ...scope, ...(choices !== undefined ? { runName: choices.runName, actionName: choices.actionName, sequential: choices.sequential } : {}) });
  return enqueueActions(client, actions, { namespace: request.namespace });
}
