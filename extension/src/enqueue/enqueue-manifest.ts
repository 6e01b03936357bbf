import { type KubeClient } from '../../../shared/kube/index.js';
import { actionsFromManifest, enqueueActions, type EnqueueResult, type RunScope } from '../../../shared/queue/index.js';
import { manifestAtCursor } from './manifest-at-cursor.js';

export interface EnqueueManifestRequest {
  text: string;
  offset: number;
  file: string;
  scope: RunScope;
  runName: string;
  actionName: string;
  namespace: string;
}

/** Enqueues the Pod or Job under the cursor as a one-action run, exactly as `kubectl kueue enqueue -f` would. */
export function enqueueManifest(client: KubeClient, request: EnqueueManifestRequest): Promise<EnqueueResult[]> {
  const document = manifestAtCursor(request.text, request.offset, request.file);
  const actions = actionsFromManifest([document], { ...request.scope, runName: request.runName, actionName: request.actionName });
  return enqueueActions(client, actions, { namespace: request.namespace });
}
