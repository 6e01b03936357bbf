import { annotationJson } from './annotation-json.js';
import { type FieldPath, formatFieldPath } from './field-path.js';
import { type JsonValue, isPlainObject } from './json-value.js';

/**
 * What `convert` records so that `revert` restores the object exactly. Both annotations sit on the pod
 * template's metadata (the Pod's own for a bare Pod), so the Pods a Job creates carry them too.
 *
 * `kueue.dev/original-commands` is a JSON list with one entry per container, in order:
 *   [{"name":"step1","command":["sh","-c"],"args":["echo start"]}, ...]
 * The converted `args` only hold `[command[0]] + command[1:] + args` flattened (behind `-entrypoint` and
 * `--`), so the split between `command` and `args` is lost without it. `args` is omitted when the container
 * had none.
 *
 * `kueue.dev/original-empty-fields` appears only when needed: a JSON map from field path to the value
 * (`[]`, `{}` or `null`) of each field convert fills that was present but empty, such as `volumes: []`,
 * so revert does not turn it into an absent field.
 */
export const ORIGINAL_COMMANDS_ANNOTATION = 'kueue.dev/original-commands';
export const ORIGINAL_EMPTY_FIELDS_ANNOTATION = 'kueue.dev/original-empty-fields';

/**
 * The `resources.requests` of each step `--fold-requests` changed, by step name, so revert restores them:
 * `{"b": {"requests": {"memory": "500Mi"}}, "c": {}}` (`{}`: the step had no `requests`). Here, not next to
 * the folding, because the folding imports the task-action core, which imports convert back.
 */
export const ORIGINAL_REQUESTS_ANNOTATION = 'kueue.dev/original-requests';

export interface OriginalCommand {
  name: string;
  command: string[];
  /** Absent when the container had no `args`; `null` when it had `args: null`. */
  args?: string[] | null;
}

export type EmptyValue = [] | Record<string, never> | null;

export function encodeOriginalCommands(commands: readonly OriginalCommand[]): string {
  return JSON.stringify(commands);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((token) => typeof token === 'string');
}

/**
 * The recorded commands, or undefined when the annotation is missing or not ours in form: revert then
 * falls back to what the converted args alone can tell.
 */
export function decodeOriginalCommands(value: unknown): OriginalCommand[] | undefined {
  const parsed = annotationJson(value);
  if (!Array.isArray(parsed)) return undefined;
  const commands: OriginalCommand[] = [];
  for (const entry of parsed) {
    if (!isPlainObject(entry) || typeof entry['name'] !== 'string' || !isStringList(entry['command'])) return undefined;
    const args = entry['args'];
    if (args !== undefined && args !== null && !isStringList(args)) return undefined;
    commands.push(args === undefined ? { name: entry['name'], command: entry['command'] } : { name: entry['name'], command: entry['command'], args });
  }
  return commands;
}

export function isEmptyValue(value: unknown): value is EmptyValue {
  if (value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.keys(value).length === 0;
}

export function encodeEmptyFields(fields: ReadonlyMap<string, EmptyValue>): string {
  return JSON.stringify(Object.fromEntries(fields));
}

export function decodeEmptyFields(value: unknown): Map<string, JsonValue> {
  const fields = new Map<string, JsonValue>();
  const parsed = annotationJson(value);
  // Not ours in form: revert then removes emptied fields, which Kubernetes treats the same.
  if (!isPlainObject(parsed)) return fields;
  for (const [path, empty] of Object.entries(parsed)) if (isEmptyValue(empty)) fields.set(path, empty);
  return fields;
}

export function emptyFieldKey(path: FieldPath): string {
  return formatFieldPath(path);
}
