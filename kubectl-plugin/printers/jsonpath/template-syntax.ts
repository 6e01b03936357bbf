/**
 * kubectl's JSONPath template dialect, parsed. kubectl's own evaluator (client-go util/jsonpath) is the
 * reference: the same grammar, the same quirks, so a template that works with `kubectl get` works here.
 *
 * Why not a JSONPath library from npm: none implements kubectl's template layer (text around `{...}` actions,
 * `{range}`/`{end}`, quoted literals such as `{"\t"}`), and the path parts differ in ways that change the bytes
 * printed: kubectl's filters are `left OP right` comparisons with Go's typed equality (jsonpath-plus evaluates
 * them as JavaScript, RFC 9535 libraries compare node lists), `..` also yields the containers themselves, an
 * index past the end is an error, and a missing key is no result. A layer over such a library would re-parse
 * every path to translate it and still re-implement what decides the output, so the evaluator is our own,
 * small, and its tests compare with kubectl's output for the same objects (test/cluster/printing-flags.test.ts).
 */
export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'field'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'recursive' }
  | { kind: 'array'; start?: number; end?: number; endDerived: boolean; step?: number }
  | { kind: 'union'; branches: TemplateNode[][] }
  | { kind: 'filter'; left: TemplateNode[]; right: TemplateNode[]; operator: string }
  | { kind: 'identifier'; name: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean };

/** A template's top level: literal text, and one path per `{...}` action. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'action'; nodes: TemplateNode[]; position: number };

/** A template that does not parse: `position` is the 0-based offset in the template where parsing stopped. */
export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

/** An error while applying a parsed template to an object (an index out of range, a comparison of two types). */
export class TemplateEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateEvaluationError';
  }
}
