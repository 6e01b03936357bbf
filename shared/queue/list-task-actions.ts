import { type KubeClient } from '../kube/index.js';
import { type TaskAction, TASKACTIONS } from '../task-action/index.js';

export interface ListTaskActionsOptions {
  labelSelector?: string;
  /** Passed to the server, e.g. `metadata.name=x` (kubectl's --field-selector). */
  fieldSelector?: string;
  /** Objects per request; large namespaces are read page by page instead of in one huge response. */
  pageSize?: number;
  /**
   * Read what the API server's watch cache holds (`resourceVersion=0`), in one request: a scan in memory, where a
   * consistent read may wait for the cache to catch up or, under load, read the whole namespace from etcd to filter
   * it (with 20,000 TaskActions in a namespace such reads timed out). For checks that a later step confirms.
   */
  fromWatchCache?: boolean;
}

/** Every TaskAction in a namespace (undefined = all namespaces), read in pages. */
export async function listTaskActions(client: KubeClient, namespace: string | undefined, options: ListTaskActionsOptions = {}): Promise<TaskAction[]> {
  const items: TaskAction[] = [];
  let continueToken: string | undefined;
  do {
    const page = await client.list<TaskAction>(TASKACTIONS, namespace, {
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
      ...(options.fromWatchCache === true ? { resourceVersion: '0' } : { limit: options.pageSize ?? 1000, continue: continueToken }),
    });
    items.push(...page.items);
    continueToken = page.metadata.continue || undefined;
  } while (continueToken);
  return items;
}
