import { elapsed, humanDuration } from '../../shared/format/index.js';
import { CONDITION_FAILED, CONDITION_PROGRESSING, CONDITION_SUCCEEDED, displayPhase, findCondition, type TaskAction } from '../../shared/task-action/index.js';
import { type ExtraColumn } from './label-columns.js';
import { renderTable } from './table.js';

export interface TaskActionTableOptions {
  wide?: boolean;
  allNamespaces?: boolean;
  noHeaders?: boolean;
  now?: number;
  /**
   * With `wide`: the status of the run a root action starts (`Failed 7/10`), so a listing of roots does not pass
   * a root's own Succeeded off as the run's. Undefined for non-roots.
   */
  runStatusOf?: (action: TaskAction) => string | undefined;
  /** `-L` and `--show-labels` columns, after the others. */
  extraColumns?: readonly ExtraColumn<TaskAction>[];
}

/** `kubectl kueue get`: RUN ACTION TASKTYPE STATUS AGE, with the condition columns under `-o wide`. */
export function renderTaskActionTable(actions: readonly TaskAction[], options: TaskActionTableOptions = {}): string {
  const now = options.now ?? Date.now();
  const headers = [
    ...(options.allNamespaces ? ['namespace'] : []),
    'run',
    'action',
    'tasktype',
    'status',
    'age',
    ...(options.wide ? ['progressing', 'succeeded', 'failed', 'parent'] : []),
    ...(options.wide && options.runStatusOf ? ['run-status'] : []),
    ...(options.extraColumns ?? []).map((c) => c.header),
  ];
  const rows = actions.map((a) => {
    const age = elapsed(a.metadata.creationTimestamp, undefined, now);
    const conditions = a.status?.conditions;
    return [
      ...(options.allNamespaces ? [a.metadata.namespace ?? ''] : []),
      a.spec.runName,
      a.spec.actionName,
      a.spec.taskType ?? '',
      displayPhase(a),
      age === undefined ? '<unknown>' : humanDuration(age),
      ...(options.wide
        ? [
            findCondition(conditions, CONDITION_PROGRESSING)?.status ?? '',
            findCondition(conditions, CONDITION_SUCCEEDED)?.status ?? '',
            findCondition(conditions, CONDITION_FAILED)?.status ?? '',
            a.spec.parentActionName ?? '',
          ]
        : []),
      ...(options.wide && options.runStatusOf ? [options.runStatusOf(a) ?? ''] : []),
      ...(options.extraColumns ?? []).map((c) => c.cell(a)),
    ];
  });
  return renderTable(headers, rows, { noHeaders: options.noHeaders });
}
