import { type KubeObject } from '../../shared/kube/index.js';

/** A column added to a command's own table, filled from each row's object. */
export interface ExtraColumn<T> {
  header: string;
  cell: (object: T) => string;
}

/**
 * kubectl's `-L key1,key2` (one column per key, headed by the upper-cased last segment of the key:
 * `flyte.org/run` -> RUN) and `--show-labels` (a LABELS column with every label, `k=v` sorted, `<none>`).
 * `labelsOf` says where an object's labels are (runs show their root action's).
 */
export function labelColumns<T>(
  keys: readonly string[],
  showLabels: boolean,
  labelsOf: (object: T) => Record<string, string> | undefined,
): ExtraColumn<T>[] {
  const columns: ExtraColumn<T>[] = keys.map((key) => ({ header: key.split('/').at(-1)?.toUpperCase() ?? key, cell: (o) => labelsOf(o)?.[key] ?? '' }));
  if (showLabels) {
    columns.push({
      header: 'LABELS',
      cell: (o) => {
        const entries = Object.entries(labelsOf(o) ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}=${v}`).join(',');
      },
    });
  }
  return columns;
}

export const objectLabels = (object: KubeObject): Record<string, string> | undefined => object.metadata.labels;
