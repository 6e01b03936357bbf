import { elapsed, humanDuration } from '../../shared/format/index.js';
import { type RunSummary, runDurationMs } from '../../shared/runs/index.js';
import { type ExtraColumn } from './label-columns.js';
import { renderTable } from './table.js';

export interface RunTableOptions {
  wide?: boolean;
  allNamespaces?: boolean;
  noHeaders?: boolean;
  now?: number;
  /** `-L` and `--show-labels` columns, after the others. */
  extraColumns?: readonly ExtraColumn<RunSummary>[];
}

/** `kubectl kueue list`: RUN STATUS PROGRESS FAILED AGE DURATION, one row per run as given (newest first). */
export function renderRunTable(runs: readonly RunSummary[], options: RunTableOptions = {}): string {
  const now = options.now ?? Date.now();
  const headers = [
    ...(options.allNamespaces ? ['namespace'] : []),
    'run',
    'status',
    'progress',
    'failed',
    'age',
    'duration',
    ...(options.wide ? ['project', 'domain'] : []),
    ...(options.extraColumns ?? []).map((c) => c.header),
  ];
  const rows = runs.map((run) => {
    const age = elapsed(run.createdAt, undefined, now);
    const duration = runDurationMs(run.status, new Date(now));
    return [
      ...(options.allNamespaces ? [run.namespace] : []),
      run.runName,
      run.status.phase,
      run.status.progress,
      String(run.status.failed),
      age === undefined ? '<unknown>' : humanDuration(age),
      // Blank cells would shift the columns for awk; kubectl prints a placeholder instead.
      duration === undefined ? '-' : humanDuration(duration),
      ...(options.wide ? [run.project ?? '', run.domain ?? ''] : []),
      ...(options.extraColumns ?? []).map((c) => c.cell(run)),
    ];
  });
  return renderTable(headers, rows, { noHeaders: options.noHeaders });
}
