import { goJson, goScalarText } from './go-value-text.js';
import { parseTemplate } from './parse-template.js';
import { TemplateEvaluationError, type TemplateNode, TemplateSyntaxError } from './template-syntax.js';

type Step = { kind: 'text'; text: string } | { kind: 'action'; nodes: TemplateNode[] } | { kind: 'range'; nodes: TemplateNode[]; body: Step[] };

/** A parsed kubectl JSONPath template, ready to apply to objects. Missing keys print nothing, as in kubectl. */
export class JsonPathTemplate {
  private readonly steps: Step[];

  constructor(readonly source: string) {
    this.steps = compile(source);
  }

  /** The template applied to one value: what `kubectl get -o jsonpath=...` prints for it. */
  execute(root: unknown): string {
    return run(this.steps, root);
  }

  /** The values the template selects, one list per action (custom columns print these). */
  results(root: unknown): unknown[][] {
    return this.steps.flatMap((step) => (step.kind === 'action' ? [walk(step.nodes, [root])] : step.kind === 'text' ? [[step.text]] : []));
  }
}

/** Groups `{range ...}` ... `{end}` into steps; an unclosed range runs to the end of the template, as in kubectl. */
function compile(source: string): Step[] {
  const top: Step[] = [];
  const open: Step[][] = [top];
  for (const part of parseTemplate(source)) {
    const current = open.at(-1) ?? top;
    if (part.kind === 'text') {
      current.push(part);
      continue;
    }
    const [first, ...rest] = part.nodes;
    if (first?.kind === 'identifier' && first.name === 'end' && rest.length === 0) {
      if (open.length === 1) throw new TemplateSyntaxError('{end} without a {range} to end', part.position);
      open.pop();
      continue;
    }
    if (first?.kind === 'identifier' && first.name === 'range') {
      const body: Step[] = [];
      current.push({ kind: 'range', nodes: checked(rest, part.position), body });
      open.push(body);
      continue;
    }
    current.push({ kind: 'action', nodes: checked(part.nodes, part.position) });
  }
  return top;
}

function checked(nodes: TemplateNode[], position: number): TemplateNode[] {
  const word = nodes.find((n) => n.kind === 'identifier');
  if (word?.kind === 'identifier') {
    throw new TemplateSyntaxError(`unknown word "${word.name}": expected range, end, a path starting with "." or a quoted string`, position + 1);
  }
  return nodes;
}

function run(steps: Step[], root: unknown): string {
  let out = '';
  for (const step of steps) {
    if (step.kind === 'text') out += step.text;
    else if (step.kind === 'action') out += printResults(walk(step.nodes, [root]));
    else for (const item of walk(step.nodes, [root])) out += run(step.body, item);
  }
  return out;
}

/** Several results are separated by a space; maps and lists print as JSON, everything else as text. */
function printResults(values: unknown[]): string {
  return values.map((v) => (v !== null && typeof v === 'object' ? goJson(v) : goScalarText(v))).join(' ');
}

function walk(nodes: readonly TemplateNode[], input: unknown[]): unknown[] {
  let current = input;
  for (const node of nodes) current = step(node, current);
  return current;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Go's reflection type names, as kubectl's errors name the value that a step cannot apply to. */
function typeName(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v;
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isMap(value)) return Object.values(value);
  if (typeof value === 'string') return [...Buffer.from(value, 'utf8')];
  return [];
}

function step(node: TemplateNode, input: unknown[]): unknown[] {
  switch (node.kind) {
    case 'text':
      return [node.text];
    case 'int':
    case 'float':
    case 'bool':
      return input.map(() => node.value);
    case 'identifier':
      throw new TemplateEvaluationError(`unknown word "${node.name}"`);
    case 'field':
      return input.flatMap((v) => (isMap(v) && Object.hasOwn(v, node.name) ? [v[node.name]] : []));
    case 'wildcard':
      return input.flatMap((v) => (v === null || v === undefined ? [] : children(v)));
    case 'recursive':
      return input.flatMap(descend);
    case 'union':
      return node.branches.flatMap((branch) => walk(branch, input));
    case 'array':
      return input.flatMap((v) => slice(node, v));
    case 'filter':
      return input.flatMap((v) => filter(node, v));
  }
}

/** `..`: every value that has children, itself first, then its descendants, depth first. */
function descend(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  const kids = children(value);
  return kids.length === 0 ? [] : [value, ...kids.flatMap(descend)];
}

function slice(node: Extract<TemplateNode, { kind: 'array' }>, value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new TemplateEvaluationError(`${typeName(value)} is not an array: [${describeIndex(node)}] applies to arrays only`);
  const length = value.length;
  let start = node.start ?? 0;
  if (start < 0) start += length;
  let end = node.end ?? length;
  if (end < 0 || (end === 0 && node.endDerived)) end += length;
  if (end === start) return [];
  if (start >= length || start < 0) throw new TemplateEvaluationError(`array index out of bounds: index ${start}, length ${length}`);
  if (end > length || end < 0) throw new TemplateEvaluationError(`array index out of bounds: index ${end - 1}, length ${length}`);
  if (start > end) throw new TemplateEvaluationError(`starting index ${start} is greater than ending index ${end}`);
  const stride = node.step ?? 1;
  if (stride <= 0) throw new TemplateEvaluationError('step must be > 0');
  const picked: unknown[] = [];
  for (let i = start; i < end; i += stride) picked.push(value[i]);
  return picked;
}

function describeIndex(node: Extract<TemplateNode, { kind: 'array' }>): string {
  if (node.endDerived) return String(node.start);
  return `${node.start ?? ''}:${node.end ?? ''}${node.step === undefined ? '' : `:${node.step}`}`;
}

function filter(node: Extract<TemplateNode, { kind: 'filter' }>, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new TemplateEvaluationError(`${typeName(value)} is not an array and cannot be filtered`);
  return value.filter((item) => {
    const lefts = walk(node.left, [item]);
    if (node.operator === 'exists') return lefts.length > 0;
    const rights = walk(node.right, [item]);
    if (lefts.length === 0 || rights.length === 0) return false;
    if (lefts.length > 1 || rights.length > 1) throw new TemplateEvaluationError('a filter can only compare one value at a time');
    return compare(lefts[0], node.operator, rights[0]);
  });
}

type Basic = 'bool' | 'number' | 'string';

function basicKind(v: unknown): Basic | undefined {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  return undefined;
}

/** Go template comparisons: both sides of one basic kind; only == and != for booleans; =~ matches a regexp. */
function compare(left: unknown, operator: string, right: unknown): boolean {
  if (operator === '=~') {
    if (typeof left !== 'string' || typeof right !== 'string') throw new TemplateEvaluationError('=~ compares strings only');
    return new RegExp(right).test(left);
  }
  const kind = basicKind(left);
  if (kind === undefined || basicKind(right) === undefined) throw new TemplateEvaluationError(`cannot compare ${typeName(left)} with ${typeName(right)}`);
  if (kind !== basicKind(right)) throw new TemplateEvaluationError(`incompatible types for comparison: ${goScalarText(left)} and ${goScalarText(right)}`);
  if (operator === '==') return left === right;
  if (operator === '!=') return left !== right;
  if (kind === 'bool') throw new TemplateEvaluationError(`booleans cannot be compared with ${operator}`);
  const [a, b] = [left as number | string, right as number | string];
  if (operator === '<') return a < b;
  if (operator === '>') return a > b;
  if (operator === '<=') return a <= b;
  return a >= b;
}
