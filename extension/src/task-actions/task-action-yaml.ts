import { stringify } from 'yaml';
import { type TaskAction, withExpandedTemplate } from '../../../shared/task-action/index.js';

/**
 * The TaskAction as `kubectl get -o yaml` prints it (sequences not indented under their key, no folding), with
 * the noisy `managedFields` left out as `kubectl get` does by default, and `spec.taskTemplate` decoded into the
 * expanded form `kubectl kueue enqueue -f` reads instead of base64.
 */
export function taskActionYaml(stored: TaskAction): string {
  const action = withExpandedTemplate(stored);
  const { managedFields: _managedFields, ...metadata } = action.metadata as TaskAction['metadata'] & { managedFields?: unknown };
  return stringify({ apiVersion: action.apiVersion ?? 'flyte.org/v1', kind: action.kind ?? 'TaskAction', ...action, metadata }, { indentSeq: false, lineWidth: 0, aliasDuplicateObjects: false });
}
