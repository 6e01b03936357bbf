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
  /** A PROJECT column after RUN: runs of several projects share a name in the listing. */
  showScope?: boolean;
  /** `-L` and `--show-labels` columns, after the others. */
  extraColumns?: readonly ExtraColumn<TaskAction>[];
}

/**
 * STATUS in Flyte's words, as the CRD's printer column shows it to `kubectl get taskactions` (under our CRD and
 * Flyte's alike): the Progressing condition's reason (`Completed`, `PermanentFailure`, `Executing`, ...), blank
 * before an executor has seen the action. The derived phase (`Succeeded`, `Failed`) is PHASE under `-o wide`.
 */
function conditionStatus(action: TaskAction): string {
  return findCondition(action.status?.conditions, CONDITION_PROGRESSING)?.reason ?? '';
}

/** `kubectl kueue get`: RUN ACTION TASKTYPE STATUS AGE, with the phase and condition columns under `-o wide`. */
export function renderTaskActionTable(actions: readonly TaskAction[], options: TaskActionTableOptions = {}): string {
  const { headers, rows } = taskActionColumns(actions, options);
  return renderTable(headers, rows, { noHeaders: options.noHeaders });
}

/** The table's headers and cells, apart from their layout (a piped watch lays rows out one at a time). */
export function taskActionColumns(actions: readonly TaskAction[], options: TaskActionTableOptions = {}): { headers: string[]; rows: string[][] } {
  const now = options.now ?? Date.now();
  const headers = [
    ...(options.allNamespaces ? ['namespace'] : []),
    'run',
    ...(options.showScope ? ['project'] : []),
    'action',
    'tasktype',
    'status',
    'age',
    ...(options.wide ? ['phase', 'progressing', 'succeeded', 'failed', 'parent'] : []),
    ...(options.wide && options.runStatusOf ? ['run-status'] : []),
    ...(options.wide ? ['name'] : []),
    ...(options.extraColumns ?? []).map((c) => c.header),
  ];
  const rows = actions.map((a) => {
    const age = elapsed(a.metadata.creationTimestamp, undefined, now);
    const conditions = a.status?.conditions;
    return [
      ...(options.allNamespaces ? [a.metadata.namespace ?? ''] : []),
      a.spec.runName,
      ...(options.showScope ? [a.spec.project] : []),
      a.spec.actionName,
      a.spec.taskType ?? '',
      conditionStatus(a),
      age === undefined ? '<unknown>' : humanDuration(age),
      ...(options.wide
        ? [
            displayPhase(a),
            findCondition(conditions, CONDITION_PROGRESSING)?.status ?? '',
            findCondition(conditions, CONDITION_SUCCEEDED)?.status ?? '',
            findCondition(conditions, CONDITION_FAILED)?.status ?? '',
            a.spec.parentActionName ?? '',
          ]
        : []),
      ...(options.wide && options.runStatusOf ? [options.runStatusOf(a) ?? ''] : []),
      ...(options.wide ? [a.metadata.name ?? ''] : []),
      ...(options.extraColumns ?? []).map((c) => c.cell(a)),
    ];
  });
  return { headers, rows };
}
