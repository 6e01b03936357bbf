import { type Informer, type KubeClient } from '../../shared/kube/index.js';
import { noExecutorNotices } from '../../shared/executor/index.js';
import { type TaskAction } from '../../shared/task-action/index.js';
import { type IOStreams } from './io-streams.js';

/**
 * Says on stderr, once, when actions wait for an executor that is not running. Never fails the command: the
 * notice is a courtesy, and an error reading the Lease says nothing.
 */
export async function printExecutorNotices(io: IOStreams, client: KubeClient, actions: readonly TaskAction[]): Promise<void> {
  try {
    for (const notice of await noExecutorNotices(client, actions)) io.err.write(`${notice}\n`);
  } catch {
    // The notice is best effort; the command's own work is done.
  }
}

/** For live views: the notice once, after the first complete list, never again while the view runs. */
export function printExecutorNoticesOnceSynced(io: IOStreams, client: KubeClient, informer: Informer<TaskAction>): void {
  const remove = informer.addListener({
    onSynced: (actions) => {
      remove();
      void printExecutorNotices(io, client, actions);
    },
  });
}
