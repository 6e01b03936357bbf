import { equals } from '@bufbuild/protobuf';
import { TaskTemplateSchema } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { ACTION_TYPE_TASK } from './api-constants.js';
import { base64ToBytes, decodeTaskTemplate } from './task-template-codec.js';
import { type TaskActionSpec } from './types.js';

type Normalized = Record<string, unknown>;

/**
 * The spec as the API server would answer it: Go's `omitempty` drops empty strings and maps, and an empty
 * `actionType` means `task`, so those differences are not differences.
 */
function normalize(spec: TaskActionSpec): Normalized {
  const result: Normalized = {};
  for (const [key, value] of Object.entries(spec) as [string, unknown][]) {
    if (value === undefined || value === '' || value === null) continue;
    if (typeof value === 'object' && Object.keys(value).length === 0) continue;
    result[key] = value;
  }
  if (result.actionType === undefined) result.actionType = ACTION_TYPE_TASK;
  return result;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const aEntries = Object.entries(a).sort(([x], [y]) => x.localeCompare(y));
    const bEntries = Object.entries(b).sort(([x], [y]) => x.localeCompare(y));
    return (
      aEntries.length === bEntries.length &&
      aEntries.every(([key, value], index) => bEntries[index]?.[0] === key && sameValue(value, bEntries[index]?.[1]))
    );
  }
  return a === b;
}

/** Templates are equal when their bytes are, or when both decode to equal messages (encodings may differ). */
function sameTemplate(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  try {
    return equals(TaskTemplateSchema, decodeTaskTemplate(base64ToBytes(a)), decodeTaskTemplate(base64ToBytes(b)));
  } catch {
    return false;
  }
}

/**
 * The spec fields (as `spec.<field>` paths, sorted) that differ between two TaskAction specs. Empty means an
 * enqueue of `wanted` over `existing` changes nothing, so it is a success ("unchanged"); otherwise the fields
 * name the conflict.
 */
export function specDifferences(existing: TaskActionSpec, wanted: TaskActionSpec): string[] {
  const a = normalize(existing);
  const b = normalize(wanted);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys
    .filter((key) => (key === 'taskTemplate' ? !sameTemplate(a[key], b[key]) : !sameValue(a[key], b[key])))
    .map((key) => `spec.${key}`);
}

export function sameSpec(existing: TaskActionSpec, wanted: TaskActionSpec): boolean {
  return specDifferences(existing, wanted).length === 0;
}
