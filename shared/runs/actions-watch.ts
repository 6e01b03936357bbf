import { isKubeApiError } from '../errors/index.js';
import { Informer, type KubeClient } from '../kube/index.js';
import { type TaskAction, TASKACTIONS } from '../task-action/index.js';

export interface WatchActionsOptions {
  /** Give up after this long (undefined: wait as long as it takes). */
  timeoutMs?: number;
  /** Cancels the wait: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

export type WatchActionsOutcome<T> = { kind: 'decided'; value: T } | { kind: 'timed-out'; actions: TaskAction[] };

/** Errors no reconnect fixes: the wait fails with them instead of retrying forever. */
function isFatal(err: unknown): boolean {
  return isKubeApiError(err) && (err.code === 401 || err.code === 403 || err.code === 404);
}

/**
 * Watches the TaskActions matching `labelSelector` (list, then watch, reconnecting by itself: no polling) and
 * asks `decide` about the full current set after the first list and after every change, until it returns a
 * value. `decide` may throw to end the wait with an error.
 */
export function watchActionsUntil<T>(
  client: KubeClient,
  namespace: string,
  labelSelector: string,
  decide: (actions: TaskAction[]) => T | undefined,
  options: WatchActionsOptions = {},
): Promise<WatchActionsOutcome<T>> {
  const informer = new Informer<TaskAction>(client, TASKACTIONS, { namespace, labelSelector });
  return new Promise<WatchActionsOutcome<T>>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      informer.stop();
      settle();
    };
    const onAbort = () => finish(() => reject(options.signal?.reason instanceof Error ? options.signal.reason : new Error('the wait was cancelled')));
    const evaluate = () => {
      if (!informer.hasSynced) return;
      try {
        const value = decide(informer.list());
        if (value !== undefined) finish(() => resolve({ kind: 'decided', value }));
      } catch (err) {
        finish(() => reject(err instanceof Error ? err : new Error(String(err))));
      }
    };
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort);
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => finish(() => resolve({ kind: 'timed-out', actions: informer.list() })), options.timeoutMs);
    }
    informer.addListener({
      onSynced: evaluate,
      onEvent: evaluate,
      onError: (err) => {
        if (isFatal(err)) finish(() => reject(err));
      },
    });
    informer.start();
  });
}
