import { stringify } from 'yaml';
import { type TaskAction } from '../../../shared/task-action/index.js';

/**
 * The TaskAction as `kubectl get -o yaml` prints it (sequences not indented under their key, no folding), with
 * the noisy `managedFields` left out as `kubectl get` does by default.
 */
export function taskActionYaml(action: TaskAction): string {
  const { managedFields: _managedFields, ...metadata } = action.metadata as TaskAction['metadata'] & { managedFields?: unknown };
  return stringify({ apiVersion: action.apiVersion ?? 'flyte.org/v1', kind: action.kind ?? 'TaskAction', ...action, metadata }, { indentSeq: false, lineWidth: 0 });
}
