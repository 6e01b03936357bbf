import { isKubeApiError } from '../errors/index.js';
import { type KubeClient } from '../kube/index.js';
import { type TaskAction, TASKACTIONS } from '../task-action/index.js';

/** Conflicts tolerated before giving up: each means someone else changed the finalizers meanwhile. */
const MAX_CONFLICTS = 5;

/**
 * Removes `finalizer` from a TaskAction. The merge patch replaces the whole list, so it carries the resource
 * version it was computed from; on a conflict the object is read again. False when the finalizer or the object
 * was gone already.
 */
export async function releaseFinalizer(client: KubeClient, listed: TaskAction, finalizer: string): Promise<boolean> {
  let action = listed;
  for (let conflicts = 0; ; conflicts++) {
    const finalizers = action.metadata.finalizers ?? [];
    if (!finalizers.includes(finalizer)) return false;
    try {
      await client.patch(
        TASKACTIONS,
        action.metadata.namespace,
        action.metadata.name ?? '',
        { metadata: { finalizers: finalizers.filter((f) => f !== finalizer), resourceVersion: action.metadata.resourceVersion } },
        'merge',
      );
      return true;
    } catch (err) {
      if (isKubeApiError(err) && err.code === 404) return false;
      if (!(isKubeApiError(err) && err.code === 409) || conflicts >= MAX_CONFLICTS) throw err;
    }
    try {
      action = await client.get<TaskAction>(TASKACTIONS, action.metadata.namespace, action.metadata.name ?? '');
    } catch (err) {
      if (isKubeApiError(err) && err.code === 404) return false;
      throw err;
    }
  }
}
