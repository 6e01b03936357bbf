import { isPlainObject } from '../../../shared/convert/json-value.js';
import { ORIGINAL_COMMANDS_ANNOTATION, ORIGINAL_EMPTY_FIELDS_ANNOTATION } from '../../../shared/convert/original-record.js';

/**
 * The original tool re-serialises objects through Go types, which adds zero values that mean "unset":
 * `creationTimestamp: null` on every metadata level, `status: {}` and `resources: {}`. Removing exactly
 * these (on both sides) leaves a comparison that still sees every field either tool writes.
 */
export function withoutGoZeroValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutGoZeroValues);
  if (!isPlainObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'creationTimestamp' && item === null) continue;
    if ((key === 'status' || key === 'resources') && isPlainObject(item) && Object.keys(item).length === 0) continue;
    result[key] = withoutGoZeroValues(item);
  }
  return result;
}

/** Our revert record is an addition of ours (the original tool cannot revert); drop it before comparing. */
export function withoutRevertRecord(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRevertRecord);
  if (!isPlainObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'annotations' && isPlainObject(item)) {
      const { [ORIGINAL_COMMANDS_ANNOTATION]: _commands, [ORIGINAL_EMPTY_FIELDS_ANNOTATION]: _empty, ...rest } = item;
      result[key] = rest;
    } else {
      result[key] = withoutRevertRecord(item);
    }
  }
  return result;
}

/**
 * Our deliberate fix for read-only root filesystems: each step's entrypoint writes its termination message
 * into its own run directory (`-termination_path`, and the container's `terminationMessagePath`). The
 * original tool leaves the entrypoint's default; drop ours before comparing.
 */
export function withoutTerminationPath(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTerminationPath);
  if (!isPlainObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'terminationMessagePath' && typeof item === 'string' && /^\/tekton\/run\/\d+\/termination$/.test(item)) continue;
    if (key === 'args' && Array.isArray(item)) {
      const flag = item.indexOf('-termination_path');
      const separator = item.indexOf('--');
      if (flag >= 0 && (separator < 0 || flag < separator)) {
        result[key] = [...item.slice(0, flag), ...item.slice(flag + 2)];
        continue;
      }
    }
    result[key] = withoutTerminationPath(item);
  }
  return result;
}

export function comparable(value: unknown): unknown {
  return withoutGoZeroValues(withoutTerminationPath(withoutRevertRecord(value)));
}

/**
 * For objects that went through the original tool: a pod template metadata it created holds only
 * `creationTimestamp: null` once our annotations are reverted; without it, the level was absent.
 */
export function withoutEmptyMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyMetadata);
  if (!isPlainObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'metadata' && isPlainObject(item) && Object.keys(item).length === 0) continue;
    result[key] = withoutEmptyMetadata(item);
  }
  return result;
}
