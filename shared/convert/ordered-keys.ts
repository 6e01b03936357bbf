import { type JsonObject, type JsonValue } from './json-value.js';

/**
 * Sets `key` in place when it exists; otherwise inserts it right after `after` (or before `before`), so a
 * new `args` follows `command` and a new `initContainers` precedes `containers`, as people write them.
 * The YAML document layer keeps this order when it adds the key to the user's text.
 */
export function setKeyNear(
  object: JsonObject,
  key: string,
  value: JsonValue,
  anchor: { after: string } | { before: string },
): void {
  if (Object.hasOwn(object, key)) {
    object[key] = value;
    return;
  }
  const entries = Object.entries(object);
  const anchorKey = 'after' in anchor ? anchor.after : anchor.before;
  const at = entries.findIndex(([k]) => k === anchorKey);
  if (at < 0) {
    object[key] = value;
    return;
  }
  entries.splice('after' in anchor ? at + 1 : at, 0, [key, value]);
  for (const k of Object.keys(object)) delete object[k];
  for (const [k, v] of entries) object[k] = v;
}
