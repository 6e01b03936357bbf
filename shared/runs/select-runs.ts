import { type KubeClient } from '../kube/index.js';
import { listTaskActions } from '../queue/index.js';
import { type RunSummary, runKeyOf, summarizeRuns } from './run-summary.js';

export interface RunSelection {
  /** Labels every action of a run carries (project, domain, run): narrows the listing on the server. */
  runLabels?: string;
  /**
   * A selector on actions (`-l`): a run is kept when any of its actions matches. Its status still comes from all
   * of its actions, so `-l flyte.org/is-root=true` cannot hide a failed child.
   */
  actionSelector?: string;
  /** A field selector on actions (`--field-selector`, e.g. `metadata.name=N`): kept the same way as `actionSelector`. */
  actionFieldSelector?: string;
}

function both(a: string | undefined, b: string | undefined): string | undefined {
  return [a, b].filter((s) => s !== undefined && s !== '').join(',') || undefined;
}

/** The runs of a namespace (undefined = all namespaces) chosen by labels, newest first. */
export async function selectRuns(client: KubeClient, namespace: string | undefined, selection: RunSelection = {}): Promise<RunSummary[]> {
  const byLabel = selection.actionSelector !== undefined && selection.actionSelector !== '';
  const byField = selection.actionFieldSelector !== undefined && selection.actionFieldSelector !== '';
  if (!byLabel && !byField) {
    return summarizeRuns(await listTaskActions(client, namespace, { labelSelector: selection.runLabels }));
  }
  const matching = await listTaskActions(client, namespace, {
    labelSelector: both(selection.runLabels, selection.actionSelector),
    ...(byField ? { fieldSelector: selection.actionFieldSelector } : {}),
  });
  if (matching.length === 0) return [];
  const keys = new Set(matching.map(runKeyOf));
  const all = await listTaskActions(client, namespace, { labelSelector: selection.runLabels });
  return summarizeRuns(all.filter((action) => keys.has(runKeyOf(action))));
}
