import { type KubeObject } from '../../shared/kube/index.js';
import { renderObjects, renderYaml } from './object-output.js';
import { type OutputFormat } from './output-format.js';
import { renderCustomColumns, renderJsonPath } from './template-output.js';

/** A format that prints objects (yaml, json, name, jsonpath, custom columns) rather than a command's own table. */
export type ObjectPrinting = OutputFormat & { readonly printsObjects: true };

/** The format when `-o` asks for objects; undefined for the command's table (no `-o`, or `-o wide`). */
export function objectPrinting(format: OutputFormat | undefined): ObjectPrinting | undefined {
  if (format === undefined || (format.kind === 'builtin' && format.name === 'wide')) return undefined;
  return { ...format, printsObjects: true };
}

/**
 * A listing as kubectl prints it: yaml/json as one List, jsonpath applied to that List, custom columns a row each.
 * With `asList: false` (one object asked for by name) a single object prints as itself, as `kubectl get KIND NAME`.
 */
export function renderListing(objects: readonly KubeObject[], format: ObjectPrinting, options: { noHeaders?: boolean; asList?: boolean } = {}): string {
  const asList = options.asList ?? true;
  if (format.kind === 'jsonpath') return renderJsonPath(objects, format.flag, format.template, { asList: asList || objects.length !== 1 });
  if (format.kind === 'custom-columns') return renderCustomColumns(objects, format.flag, format.columns, options);
  return renderObjects(objects, format.name as 'yaml' | 'json' | 'name', { alwaysList: asList });
}

/**
 * One object of a watch (`-w -o ...`), as `kubectl get -w` prints each event: JSON objects one after the other,
 * YAML documents separated by `---`, a name a line, the template applied to the object, a custom-columns row
 * (the header before the first).
 */
export function renderWatchedObject(object: KubeObject, format: ObjectPrinting, first: boolean, options: { noHeaders?: boolean } = {}): string {
  if (format.kind === 'jsonpath') return renderJsonPath([object], format.flag, format.template, { asList: false });
  if (format.kind === 'custom-columns') return renderCustomColumns([object], format.flag, format.columns, { noHeaders: options.noHeaders || !first });
  if (format.name === 'yaml') return `${first ? '' : '---\n'}${renderYaml(object)}`;
  return renderObjects([object], format.name as 'json' | 'name');
}
