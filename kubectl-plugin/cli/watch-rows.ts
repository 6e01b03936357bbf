import { type KubeObject } from '../../shared/kube/index.js';
import { renderTable } from '../printers/table.js';
import { onInterrupt } from './interrupt.js';
import { type IOStreams } from './io-streams.js';
import { type LiveSource, reconnectWarning } from './live-view.js';

export interface WatchRowsOptions<T> {
  /** Headers and rows for `objects`; `all` is everything watched (for columns computed over whole runs). */
  columns: (objects: readonly T[], all: readonly T[]) => { headers: string[]; rows: string[][] };
  /** The order of the first listing (later rows come in the order of their changes). */
  order?: (objects: T[]) => T[];
  noHeaders?: boolean;
  /** Said on stderr when the first listing is empty (kubectl's `No resources found`). */
  empty?: string;
  onInterrupt?: (stop: () => void) => () => void;
}

/**
 * `kubectl get -w` off a terminal: the current objects as a table with one header, then one row for each change,
 * appended, aligned with the first table where it fits. Nothing is redrawn or repeated, so a pipe or a log file
 * reads as a history of changes. Resolves on SIGINT or SIGTERM.
 */
export function runWatchRows<T extends KubeObject>(io: IOStreams, informer: LiveSource<T>, options: WatchRowsOptions<T>): Promise<void> {
  return new Promise((resolve) => {
    let first: string[][] | undefined;
    let headerShown = options.noHeaders === true;
    const print = (objects: readonly T[]) => {
      const { headers, rows } = options.columns(objects, informer.list());
      // Laid out with the first listing's rows so the columns line up, then only the new lines are printed.
      const table = renderTable(headers, [...(first ?? []), ...rows]).split('\n').slice(0, -1);
      const fresh = table.slice(table.length - rows.length);
      if (!headerShown && rows.length > 0) {
        io.out.write(`${table[0] ?? ''}\n`);
        headerShown = true;
      }
      if (fresh.length > 0) io.out.write(`${fresh.join('\n')}\n`);
      return rows;
    };
    informer.addListener({
      onSynced: (objects) => {
        // After a reconnect the informer reports what changed as events: only the first listing is printed whole.
        if (first !== undefined) return;
        first = [];
        if (objects.length === 0 && options.empty !== undefined) io.err.write(`${options.empty}\n`);
        first = print(options.order ? options.order(objects) : objects);
      },
      onEvent: (_type, object) => {
        if (first !== undefined) print([object]);
      },
      onError: reconnectWarning(io),
    });
    const stop = (options.onInterrupt ?? onInterrupt)(() => {
      informer.stop();
      stop();
      resolve();
    });
    informer.start();
  });
}
