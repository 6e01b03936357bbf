import { describe, expect, it } from 'vitest';
import { enqueueInput, enqueueTargets } from '../../../shared/authoring/index.js';
import { isUserError } from '../../../shared/errors/index.js';

const ACTION = (name: string) => `apiVersion: flyte.org/v1\nkind: TaskAction\nspec: {runName: r, actionName: ${name}, taskTemplate: {container: {image: busybox}}}\n`;
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: busybox}\n';

describe('enqueueTargets', () => {
  it('marks each Pod or Job, and the TaskActions of a file once, at their first line', () => {
    const text = `# a comment\n${ACTION('a0')}---\n${POD}---\n${ACTION('b')}---\napiVersion: v1\nkind: ConfigMap\n`;
    const targets = enqueueTargets(text);
    expect(targets.map((t) => [t.kind, t.document, text.slice(t.offset, t.offset + 11)])).toEqual([
      ['TaskAction', 0, 'apiVersion:'],
      ['Pod', 1, 'apiVersion:'],
    ]);
  });
});

describe('enqueueInput', () => {
  it('reads every TaskAction of the file for the TaskAction target, with where each field is', () => {
    const text = `${ACTION('a0')}---\n${POD}---\n${ACTION('b')}`;
    const [target] = enqueueTargets(text);
    const documents = enqueueInput(text, 'run.yaml', target ?? { kind: 'TaskAction', offset: 0, document: 0 });
    expect(documents.map((d) => d.location)).toEqual([
      { file: 'run.yaml', document: 0, line: 1 },
      { file: 'run.yaml', document: 2, line: 12 },
    ]);
    expect(documents[1]?.locate?.('spec.actionName')).toEqual({ line: 14, column: 20 });
  });

  it('reads only its own document for a Pod target', () => {
    const text = `${ACTION('a0')}---\n${POD}`;
    const pod = enqueueTargets(text)[1];
    expect(pod?.kind).toBe('Pod');
    expect(enqueueInput(text, 'f.yaml', pod ?? { kind: 'Pod', offset: 0, document: 1 }).map((d) => (d.value as { kind: string }).kind)).toEqual(['Pod']);
  });

  it('refuses a file whose YAML does not parse, naming the file, document and line', () => {
    const text = `${ACTION('a0')}---\napiVersion: v1\nkind: Pod\nspec:\n  a: 1\n  a: 2\n`;
    let caught: unknown;
    try {
      enqueueInput(text, 'bad.yaml', { kind: 'TaskAction', offset: 0, document: 0 });
    } catch (err) {
      caught = err;
    }
    if (!isUserError(caught)) throw new Error(`expected a user error, got ${String(caught)}`);
    expect(caught.message).toContain('duplicate key "a"');
    expect(caught.location).toEqual({ file: 'bad.yaml', document: 1, line: 9 });
  });
});
