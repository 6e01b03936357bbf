import { describe, expect, it } from 'vitest';
import { fieldCompletions, fieldHover, TASK_ACTION_FIELD_DOCS } from '../../../shared/authoring/index.js';
import { TASK_ACTION_SPEC_FIELDS } from '../../../shared/queue/index.js';

/** Completions where `|` is in the text. */
function at(textWithCursor: string) {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const result = fieldCompletions(text, offset);
  return result === undefined ? undefined : { typed: text.slice(result.replace.start, result.replace.end), names: result.fields.map((f) => f.name), fields: result.fields };
}

const HEAD = 'apiVersion: flyte.org/v1\nkind: TaskAction\n';

describe('fieldCompletions', () => {
  it('offers the spec fields not yet written, documented', () => {
    const result = at(`${HEAD}spec:\n  runName: r\n  act|\n  taskTemplate: {}\n`);
    expect(result?.typed).toBe('act');
    expect(result?.names).toContain('actionName');
    expect(result?.names).not.toContain('runName');
    expect(result?.names).not.toContain('taskTemplate');
    expect(result?.fields.find((f) => f.name === 'actionName')?.documentation).toContain('At most 30 characters');
  });

  it('follows nesting into the expanded task template', () => {
    expect(at(`${HEAD}spec:\n  taskTemplate:\n    ret|\n`)?.names).toEqual(['type', 'retries', 'timeoutSeconds', 'container', 'pod']);
    expect(at(`${HEAD}spec:\n  taskTemplate:\n    container:\n      image: busybox\n      |\n`)?.names).toEqual(['command', 'args', 'env', 'resources']);
  });

  it('follows list items of a Pod', () => {
    const names = at('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      |\n')?.names;
    expect(names).toContain('command');
    expect(names).not.toContain('name');
    expect(at('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - |\n')?.names).toContain('image');
  });

  it('reads the document the cursor is in', () => {
    const text = `apiVersion: v1\nkind: Pod\nspec: {}\n---\n${HEAD}spec:\n  |\n`;
    expect(at(text)?.names).toContain('runName');
  });

  it('offers nothing inside free-form maps, values or unknown kinds', () => {
    expect(at(`${HEAD}metadata:\n  labels:\n    |\n`)).toBeUndefined();
    expect(at(`${HEAD}spec:\n  runName: |\n`)).toBeUndefined();
    expect(at('apiVersion: v1\nkind: ConfigMap\ndata:\n  |\n')).toBeUndefined();
  });
});

describe('fieldHover', () => {
  it('explains a TaskAction field under the cursor', () => {
    const text = `${HEAD}spec:\n  runName: r\n  actionName: a\n`;
    const hover = fieldHover(text, text.indexOf('actionName') + 3);
    expect(hover?.markdown).toContain('**spec.actionName** (TaskAction)');
    expect(text.slice(hover?.start ?? 0, hover?.end ?? 0)).toBe('actionName');
    expect(fieldHover(text, text.indexOf(': r') + 2)).toBeUndefined();
  });

  it('explains the after annotation', () => {
    const text = `${HEAD}metadata:\n  annotations:\n    kueue.dev/after: fetch\n`;
    expect(fieldHover(text, text.indexOf('kueue.dev'))?.markdown).toContain('must succeed before this action starts');
  });

  it('documents every spec field of the CRD', () => {
    expect(TASK_ACTION_SPEC_FIELDS.filter((field) => TASK_ACTION_FIELD_DOCS[`spec.${field}`] === undefined)).toEqual([]);
  });
});
