import { UserError } from '../../shared/errors/index.js';
import { type JsonPathTemplate, TemplateEvaluationError, goValueText } from './jsonpath/index.js';
import { type CustomColumn } from './output-format.js';
import { renderTabWriterTable } from './tab-writer-table.js';

/** The `v1 List` kubectl wraps a listing in before printing it; templates see `.items`. */
export function listObject(objects: readonly unknown[]): unknown {
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

function evaluate<T>(flag: string, template: JsonPathTemplate, apply: () => T): T {
  try {
    return apply();
  } catch (err) {
    if (err instanceof TemplateEvaluationError) throw new UserError(`${flag}: cannot apply ${template.source}: ${err.message}`);
    throw err;
  }
}

/**
 * `-o jsonpath`: a listing is one List the template applies to once (as `kubectl get`), single objects each get
 * the template in turn (as `kubectl create -o jsonpath`). Nothing is added: no newline unless the template has one.
 */
export function renderJsonPath(objects: readonly unknown[], flag: string, template: JsonPathTemplate, options: { asList: boolean }): string {
  const roots = options.asList ? [listObject(objects)] : objects;
  return evaluate(flag, template, () => roots.map((root) => template.execute(root)).join(''));
}

/** `-o custom-columns`: one row per object, values of a cell joined by commas, `<none>` for no value. */
export function renderCustomColumns(objects: readonly unknown[], flag: string, columns: readonly CustomColumn[], options: { noHeaders?: boolean } = {}): string {
  const rows = objects.map((object) =>
    columns.map(({ template }) =>
      evaluate(flag, template, () => {
        const values = template.results(object);
        const first = values[0];
        if (first === undefined || first.length === 0) return '<none>';
        return values.flat().map(goValueText).join(',');
      }),
    ),
  );
  return renderTabWriterTable(options.noHeaders ? rows : [columns.map((c) => c.header), ...rows]);
}
