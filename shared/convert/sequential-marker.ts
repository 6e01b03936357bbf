import { isPlainObject } from './json-value.js';
import { SEQUENTIAL_ANNOTATION, SEQUENTIAL_ANNOTATION_VALUE } from './sequential-constants.js';

/** The original tool's `IsKueueleuleu`: the annotation must be exactly "true" (not `true`, not "True"). */
export function hasSequentialAnnotation(metadata: unknown): boolean {
  if (!isPlainObject(metadata)) return false;
  const annotations = metadata['annotations'];
  return isPlainObject(annotations) && annotations[SEQUENTIAL_ANNOTATION] === SEQUENTIAL_ANNOTATION_VALUE;
}

/** Whether an object (of any kind) is marked as converted at its top level. */
export function isSequentialObject(object: unknown): boolean {
  return isPlainObject(object) && hasSequentialAnnotation(object['metadata']);
}
