import { type KubeClient } from '../kube/index.js';
import { PLUGIN_FINALIZER, type TaskAction, TASKACTIONS } from '../task-action/index.js';

export function hasPluginFinalizer(action: TaskAction): boolean {
  return (action.metadata.finalizers ?? []).includes(PLUGIN_FINALIZER);
}

/**
 * Sets the finalizer list with the object's resource version as a precondition: a merge patch replaces the whole
 * list, so without the precondition a finalizer someone else added meanwhile could be dropped. A conflict is left
 * to the caller, which re-reads and tries again.
 */
async function setFinalizers(client: KubeClient, action: TaskAction, finalizers: string[]): Promise<TaskAction> {
  return client.patch<TaskAction>(
    TASKACTIONS,
    action.metadata.namespace,
    action.metadata.name ?? '',
    { metadata: { finalizers, resourceVersion: action.metadata.resourceVersion } },
    'merge',
  );
}

/** Adds the plugin finalizer before a plugin starts external work, so a deletion waits for its cleanup. */
export async function addPluginFinalizer(client: KubeClient, action: TaskAction): Promise<TaskAction> {
  if (hasPluginFinalizer(action)) return action;
  return setFinalizers(client, action, [...(action.metadata.finalizers ?? []), PLUGIN_FINALIZER]);
}

/** Removes the plugin finalizer once nothing of the action's is left to clean up. */
export async function removePluginFinalizer(client: KubeClient, action: TaskAction): Promise<TaskAction> {
  if (!hasPluginFinalizer(action)) return action;
  return setFinalizers(client, action, (action.metadata.finalizers ?? []).filter((f) => f !== PLUGIN_FINALIZER));
}
