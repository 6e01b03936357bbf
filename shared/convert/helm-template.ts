import { type Document, isMap, visit } from 'yaml';

/** What to tell the user about a template, wherever it is found. */
export const HELM_TEMPLATE_MESSAGE = 'this is a Helm template ({{ ... }}), not a manifest';
export const HELM_TEMPLATE_HINT = 'render it first: helm template RELEASE CHART | kubectl kueue convert -f -';

/** `{{` where YAML would read it as syntax: at a value's start, not inside a quoted or plain string. */
const TEMPLATE_ACTION = /(^|[\s:[,{-])\{\{-?\s/m;

/**
 * Where a document that parsed cleanly holds an unquoted template action. `{{ .Release.Name }}` is valid
 * YAML (a flow mapping whose only key is another flow mapping) that no Kubernetes object can contain, so it
 * is a sure sign of a template; quoted actions (`"{{ .Values.image }}"`) are strings and stay undetected,
 * as they may be the user's own text (an argument that is itself a template).
 */
export function templateActionOffset(doc: Document.Parsed): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Map(_key, map) {
      if (map.flow !== true || !map.items.some((pair) => isMap(pair.key))) return undefined;
      offset = map.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

/** Where a document that does not parse has a template action, so its syntax error is explained. */
export function templateActionInText(text: string, start: number, end: number): number | undefined {
  const match = TEMPLATE_ACTION.exec(text.slice(start, end));
  if (match === null) return undefined;
  return start + match.index + (match[1] ?? '').length;
}
