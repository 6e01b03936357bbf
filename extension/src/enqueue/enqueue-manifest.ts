import { type KubeClient } from '../../../shared/kube/kube-client.js';
import { actionsFromManifest } from '../../../shared/queue/actions-from-manifest.js';
import { type EnqueueResult, enqueueActions } from '../../../shared/queue/enqueue.js';
import { type RunScope } from '../../../shared/queue/run-scope.js';
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
