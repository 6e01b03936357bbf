import { elapsed, humanDuration } from '../../shared/format/index.js';
import { CONDITION_FAILED, CONDITION_PROGRESSING, CONDITION_SUCCEEDED, displayPhase, findCondition, type TaskAction } from '../../shared/task-action/index.js';
import { renderTable } from './table.js';

export interface TaskActionTableOptions {
  wide?: boolean;
  allNamespaces?: boolean;
  noHeaders?: boolean;
  now?: number;
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
    ];
  });
  return renderTable(headers, rows, { noHeaders: options.noHeaders });
}
