import { describe, expect, it } from 'vitest';
import { JsonPathTemplate, TemplateEvaluationError, TemplateSyntaxError, goScalarText, goValueText, relaxedPath } from '../../../kubectl-plugin/printers/jsonpath/index.js';

const list = {
  apiVersion: 'v1',
  kind: 'List',
  items: [
    {
      metadata: { name: 'a', labels: { 'flyte.org/run': 'r1', app: 'x' }, generation: 1 },
      spec: { actionName: 'a0', retries: 3, ratio: 0.5, big: 1234567.5 },
      status: { conditions: [{ type: 'Succeeded', status: 'True' }, { type: 'Failed', status: 'False' }] },
    },
    { metadata: { name: 'b', labels: { 'flyte.org/run': 'r1' }, generation: 2 }, spec: { actionName: 'b', retries: 0 } },
    { metadata: { name: 'c', generation: 3 }, spec: { actionName: 'c' }, status: { conditions: [{ type: 'Succeeded', status: 'False' }] } },
  ],
  metadata: { resourceVersion: '' },
};

const run = (template: string, data: unknown = list) => new JsonPathTemplate(template).execute(data);

describe("kubectl's JSONPath templates", () => {
  it.each([
    ['{.items[*].metadata.name}', 'a b c'],
    ['{.kind}', 'List'],
    ['names: {.items[*].metadata.name}!', 'names: a b c!'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.spec.actionName}{"\\n"}{end}', 'a\ta0\nb\tb\nc\tc\n'],
    ["{range .items[*]}{.metadata.name}{','}{end}", 'a,b,c,'],
    ['{.items[?(@.spec.actionName=="b")].metadata.name}', 'b'],
    ['{.items[?(@.spec.retries>0)].metadata.name}', 'a'],
    ['{.items[?(@.spec.retries)].metadata.name}', 'a b'],
    ['{.items[*].status.conditions[?(@.type=="Succeeded")].status}', 'True False'],
    ["{.items[?(@.metadata.name!='a')].metadata.generation}", '2 3'],
    ['{.items[0:2].metadata.name}', 'a b'],
    ['{.items[-1].metadata.name}', 'c'],
    ['{.items[::2].metadata.name}', 'a c'],
    ['{.items[0,2].metadata.name}', 'a c'],
    ["{.items[0]['metadata']['name']}", 'a'],
    ['{.items[0].metadata.labels.flyte\\.org/run}', 'r1'],
    ['{..actionName}', 'a0 b c'],
    ['{.items[*].nothing}', ''],
    ['{.items[0].metadata.labels}', '{"app":"x","flyte.org/run":"r1"}'],
    ['{.items[1].status}', ''],
    ['{.items[0].spec.ratio} {.items[0].spec.big}', '0.5 1.2345675e+06'],
    ['{.items[0].metadata.generation}', '1'],
    ['{.metadata}', '{"resourceVersion":""}'],
    ['{.}', ''],
    ['no actions at all', 'no actions at all'],
  ])('%s prints %j', (template, expected) => {
    const template_ = new JsonPathTemplate(template);
    expect(template_.source).toBe(template);
    expect(template_.execute(list)).toBe(expected);
  });

  it('ranges over nothing print nothing, and nested ranges work', () => {
    expect(run('{range .items[*].nope}x{end}done')).toBe('done');
    expect(run('{range .items[*]}{.metadata.name}:{range .status.conditions[*]}{.type},{end};{end}')).toBe('a:Succeeded,Failed,;b:;c:Succeeded,;');
  });

  it('escapes <, > and & in JSON as Go does', () => {
    expect(run('{.a}', { a: { x: '<&>' } })).toBe('{"x":"\\u003c\\u0026\\u003e"}');
  });

  it.each([
    ['{.items[', 'unterminated array index', 7],
    ['{.items[*].x', 'unclosed action', 12],
    ['{.items[?(@.a=="x"]}', 'unterminated filter', 7],
    ['{"abc}', 'unterminated quoted string', 1],
    ['{end}', '{end} without a {range}', 0],
    ['{.items[a:b]}', 'invalid array index [a:b]', 7],
    ["{.items[?(@.a<>1)]}", 'unknown filter operator "<>"', 13],
    ['{foo}', 'unknown word "foo"', 1],
    ['{.a ^}', 'unexpected character "^"', 4],
  ])('rejects %s at its position', (template, message, position) => {
    let error: unknown;
    try {
      new JsonPathTemplate(template);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TemplateSyntaxError);
    expect((error as TemplateSyntaxError).message).toContain(message);
    expect((error as TemplateSyntaxError).position).toBe(position);
  });

  it.each([
    ['{.items[9]}', 'array index out of bounds: index 9, length 3'],
    ['{.kind[0]}', 'string is not an array'],
    ['{.items[?(@.metadata.generation=="1")]}', 'incompatible types for comparison'],
  ])('fails to apply %s with what is wrong', (template, message) => {
    expect(() => run(template)).toThrow(TemplateEvaluationError);
    expect(() => run(template)).toThrow(message);
  });
});

describe('Go value printing', () => {
  it.each([
    [1, '1'],
    [1000000, '1000000'],
    [0.5, '0.5'],
    [1234567.5, '1.2345675e+06'],
    [0.00001, '1e-05'],
    [null, '<nil>'],
    [true, 'true'],
  ])('%s as %s', (value, text) => {
    expect(goScalarText(value)).toBe(text);
  });

  it('prints maps and lists as %v does', () => {
    expect(goValueText({ b: 1, a: ['x', 'y'] })).toBe('map[a:[x y] b:1]');
  });

  it('relaxes custom-column and sort paths as kubectl does', () => {
    expect(relaxedPath('metadata.name')).toBe('{.metadata.name}');
    expect(relaxedPath('.metadata.name')).toBe('{.metadata.name}');
    expect(relaxedPath('{.metadata.name}')).toBe('{.metadata.name}');
  });
});
