/**
 * Where each TaskAction field comes from in a QueueService request, by its protobuf (snake_case) path. The core
 * validates TaskAction fields (`spec.runName`); a Flyte client fixes request fields (`action_id.run.name`), so
 * every problem is reported under the name the caller used.
 */
const ENQUEUE_FIELDS: Record<string, string> = {
  'spec.org': 'action_id.run.org',
  'spec.project': 'action_id.run.project',
  'spec.domain': 'action_id.run.domain',
  'spec.runName': 'action_id.run.name',
  'spec.actionName': 'action_id.name',
  'spec.parentActionName': 'parent_action_name',
  'spec.inputUri': 'input_uri',
  'spec.runOutputBase': 'run_output_base',
  'spec.group': 'group',
  'spec.taskType': 'task.spec.task_template.type',
  'spec.taskTemplate': 'task.spec.task_template',
  'spec.shortName': 'task.spec.short_name',
  'spec.cacheKey': 'task.cache_key',
  'spec.envVars': 'run_spec.envs',
  'metadata.labels': 'run_spec.labels',
  'metadata.name': 'action_id',
};

/** The same for the identifiers of the abort requests, whose run sits under `run_id` or `action_id.run`. */
export function requestFieldNames(runPrefix: 'run_id' | 'action_id.run'): Record<string, string> {
  if (runPrefix === 'action_id.run') return ENQUEUE_FIELDS;
  return {
    'spec.org': 'run_id.org',
    'spec.project': 'run_id.project',
    'spec.domain': 'run_id.domain',
    'spec.runName': 'run_id.name',
  };
}

/** The request path for a TaskAction field path (`spec.envVars[X]` keeps its key: `run_spec.envs[X]`). */
export function requestField(field: string, names: Record<string, string> = ENQUEUE_FIELDS): string {
  const bracket = field.indexOf('[');
  const base = bracket < 0 ? field : field.slice(0, bracket);
  const mapped = names[base];
  return mapped === undefined ? field : `${mapped}${bracket < 0 ? '' : field.slice(bracket)}`;
}

/** Rewrites the TaskAction field names inside a message to the request's field names. */
export function renameFields(message: string, names: Record<string, string> = ENQUEUE_FIELDS): string {
  // Longest first, so `spec.runName` is not rewritten through a shorter prefix.
  const keys = Object.keys(names).sort((a, b) => b.length - a.length);
  let result = message;
  for (const key of keys) result = result.split(key).join(names[key] ?? key);
  return result;
}
