/**
 * What the field names of an object may be: `fields` lists a mapping's keys (each with the shape of its value),
 * `items` is the shape of every element of a list, and `any` is a value whose keys are not checked (free-form
 * maps such as labels, or structures the enqueue path passes through unread to the API server).
 */
export type FieldShape = 'any' | { readonly fields: Readonly<Record<string, FieldShape>> } | { readonly items: FieldShape };

/** A mapping whose listed keys hold values that are not checked further. */
export function leaves(names: readonly string[], nested: Readonly<Record<string, FieldShape>> = {}): FieldShape {
  return { fields: { ...Object.fromEntries(names.map((name) => [name, 'any' as const])), ...nested } };
}
