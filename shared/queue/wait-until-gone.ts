import { type KubeClient, pollUntil } from '../kube/index.js';
import { type TaskAction, TASKACTIONS } from '../task-action/index.js';

/** How long `waitUntilGone` waits when the caller does not say: deep trees are deleted level by level. */
export const DEFAULT_WAIT_TIMEOUT_MS = 300_000;

/**
 * Waits until no TaskAction matches: those with `labelSelector`, narrowed by `select` (e.g. to one subtree).
 * Reports the remaining count whenever it changes. The garbage collector deletes level by level, so this takes
 * as long as the tree is deep.
 */
export async function waitUntilGone(
  client: KubeClient,
  namespace: string,
  labelSelector: string | undefined,
  what: string,
  options: { timeoutMs?: number; onProgress?: (remaining: number) => void },
  select: (all: TaskAction[]) => TaskAction[] = (all) => all,
): Promise<void> {
  let last = -1;
  await pollUntil(
    async () => {
      const list = await client.list<TaskAction>(TASKACTIONS, namespace, { labelSelector });
      const remaining = select(list.items).length;
      if (remaining !== last) {
        last = remaining;
        options.onProgress?.(remaining);
      }
      return remaining === 0;
    },
    { timeoutMs: options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS, what: () => `${what} to be deleted (${last} TaskAction(s) left)` },
  );
}
