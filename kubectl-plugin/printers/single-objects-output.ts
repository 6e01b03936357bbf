import { type KubeObject } from '../../shared/kube/index.js';
import { renderObjects } from './object-output.js';
import { type OutputFormat } from './output-format.js';
import { renderCustomColumns, renderJsonPath } from './template-output.js';

/** The formats of commands that print the objects they made or read (enqueue, status): no table of their own. */
export const SINGLE_OBJECT_FORMATS = ['yaml', 'json', 'name'] as const;
export type SingleObjectFormat = OutputFormat<(typeof SINGLE_OBJECT_FORMATS)[number]>;

/**
 * Objects a command made or read, as `kubectl create -o` prints them: yaml/json one object as itself and
 * several as a List, a jsonpath template applied to each object in turn, custom columns a row each.
 */
export function renderSingleObjects(objects: readonly KubeObject[], format: SingleObjectFormat): string {
  if (format.kind === 'jsonpath') return renderJsonPath(objects, format.flag, format.template, { asList: false });
  if (format.kind === 'custom-columns') return renderCustomColumns(objects, format.flag, format.columns);
  return renderObjects(objects, format.name);
}
