import { type TaskAction } from '../../../shared/task-action/index.js';

/**
 * Whether the listing holds runs of the same name (in one namespace) from different org/project/domain scopes:
 * then RUN alone does not tell their rows apart, and the table adds a PROJECT column.
 */
export function sharedRunNames(actions: readonly TaskAction[]): boolean {
  const scopes = new Map<string, string>();
  for (const { metadata, spec } of actions) {
    const run = `${metadata.namespace ?? ''}/${spec.runName}`;
    const scope = `${spec.org ?? ''}/${spec.project}/${spec.domain}`;
    const seen = scopes.get(run);
    if (seen !== undefined && seen !== scope) return true;
    scopes.set(run, scope);
  }
  return false;
}
