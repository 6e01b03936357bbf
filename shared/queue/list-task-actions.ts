import { type KubeClient } from '../kube/index.js';
import { type TaskAction, TASKACTIONS } from '../task-action/index.js';

export interface ListTaskActionsOptions {
  labelSelector?: string;
  /** Passed to the server, e.g. `metadata.name=x` (kubectl's --field-selector). */
  fieldSelector?: string;
  /** Objects per request; large namespaces are read page by page instead of in one huge response. */
  pageSize?: number;
}

/** Every TaskAction in a namespace (undefined = all namespaces), read in pages. */
export async function listTaskActions(client: KubeClient, namespace: string | undefined, options: ListTaskActionsOptions = {}): Promise<TaskAction[]> {
  const items: TaskAction[] = [];
  let continueToken: string | undefined;
  do {
    const page = await client.list<TaskAction>(TASKACTIONS, namespace, {
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
      limit: options.pageSize ?? 1000,
      continue: continueToken,
    });
    items.push(...page.items);
    continueToken = page.metadata.continue || undefined;
  } while (continueToken);
  return items;
}
