import { stringify } from 'yaml';
import { UserError } from '../../shared/errors/index.js';
import { type KubeObject } from '../../shared/kube/index.js';

export type ObjectFormat = 'yaml' | 'json' | 'name';

/** Checks `-o` against the formats a command offers; undefined means the command's default output. */
export function parseObjectFormat(value: string | undefined, allowed: readonly ObjectFormat[] = ['yaml', 'json', 'name']): ObjectFormat | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UserError(`--output must be one of ${allowed.join('|')}, got "${value}"`);
  return value as ObjectFormat;
}

/** `taskaction.flyte.org/NAME`, `pod/NAME`: kubectl's `-o name` form, from the object's apiVersion and kind. */
export function objectName(object: KubeObject): string {
  const kind = (object.kind ?? 'object').toLowerCase();
  const group = object.apiVersion?.includes('/') ? `.${object.apiVersion.split('/')[0]}` : '';
  return `${kind}${group}/${object.metadata.name ?? ''}`;
}

/**
 * Objects as kubectl prints them: `-o name` one name a line; yaml/json one object as itself and several as a
 * `v1 List` (`alwaysList` for listings, as `kubectl get` does), YAML in kubectl's layout (sequences not indented
 * under their key, no line folding), JSON indented by four spaces.
 */
export function renderObjects(objects: readonly KubeObject[], format: ObjectFormat, options: { alwaysList?: boolean } = {}): string {
  if (format === 'name') return objects.map((o) => `${objectName(o)}\n`).join('');
  const value = objects.length === 1 && !options.alwaysList ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects, metadata: { resourceVersion: '' } };
  return format === 'json' ? `${JSON.stringify(value, null, 4)}\n` : renderYaml(value);
}

/**
 * YAML in kubectl's layout: sequences not indented under their key, no line folding, and never anchors or
 * aliases (a value that occurs twice is written twice, as kubectl writes it; `&a1`/`*a1` confuse readers and
 * tools that do not resolve them).
 */
export function renderYaml(value: unknown): string {
  return stringify(value, { indentSeq: false, lineWidth: 0, aliasDuplicateObjects: false });
}
