/**
 * Ordering between the actions of a run. Flyte's CRDs prune every spec field they do not know, so the order is kept
 * in annotations, which every CRD keeps: `kueue.dev/after` lists the actions (by action name, same run) that must
 * succeed before an action starts; `kueue.dev/children-wait-for-parent: "true"` on a run's root makes every child
 * wait for its parent as if the parent were in its `after` list. Flyte's own executor ignores both.
 */

export const ANNOTATION_AFTER = 'kueue.dev/after';
export const ANNOTATION_CHILDREN_WAIT_FOR_PARENT = 'kueue.dev/children-wait-for-parent';

/** The field errors name for the `after` list. */
export const AFTER_FIELD = `metadata.annotations[${ANNOTATION_AFTER}]`;

/** `"fetch, train,,"` -> `["fetch", "train"]`: spaces and empty entries are left out, repeats kept once. */
export function parseAfterList(value: string | undefined): string[] {
  if (value === undefined) return [];
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return [...new Set(names)];
}

/** The actions this one must wait for, from its annotations. */
export function afterOf(metadata: { annotations?: Record<string, string> } | undefined): string[] {
  return parseAfterList(metadata?.annotations?.[ANNOTATION_AFTER]);
}

/** Whether a run's root asks its children to wait for their parents to succeed. */
export function childrenWaitForParent(rootMetadata: { annotations?: Record<string, string> } | undefined): boolean {
  return rootMetadata?.annotations?.[ANNOTATION_CHILDREN_WAIT_FOR_PARENT]?.trim().toLowerCase() === 'true';
}

/** `after` lists merged (the first list's order first), written back as the annotation's value. */
export function mergeAfterLists(...lists: readonly (readonly string[])[]): string {
  return [...new Set(lists.flat())].join(',');
}
