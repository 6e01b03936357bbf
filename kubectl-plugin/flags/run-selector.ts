import { LABEL_DOMAIN, LABEL_ORG, LABEL_PROJECT, LABEL_RUN } from '../../shared/task-action/index.js';

/**
 * The label selector for `get`/`tree`: a run name matches that run in any project unless --org/--project/
 * --domain narrow it; `-l` adds the user's own selector.
 */
export function runListSelector(run: string | undefined, scope: { org?: string; project?: string; domain?: string }, selector?: string): string | undefined {
  const parts = [
    ...(scope.org ? [`${LABEL_ORG}=${scope.org}`] : []),
    ...(scope.project ? [`${LABEL_PROJECT}=${scope.project}`] : []),
    ...(scope.domain ? [`${LABEL_DOMAIN}=${scope.domain}`] : []),
    ...(run ? [`${LABEL_RUN}=${run}`] : []),
    ...(selector ? [selector] : []),
  ];
  return parts.length > 0 ? parts.join(',') : undefined;
}
