import { describe, expect, it } from 'vitest';
import { type AuthoringProblem, manifestProblems } from '../../../shared/authoring/index.js';

const ACTION = (body: string): string => `apiVersion: flyte.org/v1\nkind: TaskAction\n${body}`;

/** Each problem as the text it covers, with its message and fix, so tests read like the editor shows them. */
function shown(text: string): { at: string; message: string; severity: string; fix?: string }[] {
  return manifestProblems(text).map((p: AuthoringProblem) => ({
    at: text.slice(p.start, p.end),
    message: p.message,
    severity: p.severity,
    ...(p.fix !== undefined ? { fix: `${text.slice(p.fix.start, p.fix.end)} -> ${p.fix.text}` } : {}),
  }));
}

describe('manifestProblems', () => {
  it('finds nothing in the example run', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../../../examples/run.yaml', import.meta.url), 'utf8');
    expect(manifestProblems(text)).toEqual([]);
  });

  it('names unknown fields with the field meant and a rename fix', () => {
    const text = ACTION(`spec:
  runName: r
  actionName: a
  taskTemplate:
    retires: 2
    container:
      image: busybox
      comand: [echo]
`);
    expect(shown(text)).toEqual([
      { at: 'retires', severity: 'error', message: 'unknown field "spec.taskTemplate.retires": did you mean "spec.taskTemplate.retries"?', fix: 'retires -> retries' },
      { at: 'comand', severity: 'error', message: 'unknown field "spec.taskTemplate.container.comand": did you mean "spec.taskTemplate.container.command"?', fix: 'comand -> command' },
    ]);
  });

  it('points a field at another level to where it belongs, without a rename', () => {
    const text = ACTION('spec:\n  runName: r\n  actionName: a\n  retries: 2\n  taskTemplate: {container: {image: busybox}}\n');
    expect(shown(text)).toEqual([{ at: 'retries', severity: 'error', message: 'unknown field "spec.retries": did you mean "spec.taskTemplate.retries"?' }]);
  });

  it('checks unknown fields of Pods and Jobs too, and leaves other kinds alone', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      imag: busybox\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  anything: x\n';
    expect(shown(pod)).toEqual([{ at: 'imag', severity: 'error', message: 'unknown field "spec.containers[0].imag": did you mean "spec.containers[0].image"?', fix: 'imag -> image' }]);
  });

  it('refuses names longer than the CRD allows, on the value', () => {
    const long = 'a'.repeat(31);
    const text = ACTION(`spec:\n  runName: ${long}\n  actionName: Train\n  taskTemplate: {container: {image: busybox}}\n`);
    const problems = shown(text);
    expect(problems.map((p) => p.at)).toEqual([long, 'Train']);
    expect(problems[0]?.message).toContain('31 characters long; at most 30 are allowed');
    expect(problems[1]?.message).toContain('use for example "train"');
  });

  it('warns about parents and after entries that name no action of the run in the file, with the near one', () => {
    const text = `${ACTION('spec: {runName: r, actionName: fetch, taskTemplate: {container: {image: busybox}}}')}
---
${ACTION(`metadata:
  annotations:
    kueue.dev/after: "fetc, other"
spec:
  runName: r
  actionName: train
  parentActionName: fetchh
  taskTemplate: {container: {image: busybox}}
`)}`;
    expect(shown(text)).toEqual([
      {
        at: 'fetc',
        severity: 'warning',
        message: 'metadata.annotations[kueue.dev/after] names "fetc", which is no action of run "r" in this file: did you mean "fetch"?',
        fix: 'fetc -> fetch',
      },
      {
        at: 'other',
        severity: 'warning',
        message: 'metadata.annotations[kueue.dev/after] names "other", which is no action of run "r" in this file: enqueue fails unless the run already has it in the cluster',
      },
      {
        at: 'fetchh',
        severity: 'warning',
        message: 'spec.parentActionName names "fetchh", which is no action of run "r" in this file: did you mean "fetch"?',
        fix: 'fetchh -> fetch',
      },
    ]);
  });

  it('does not match actions of another run', () => {
    const text = `${ACTION('spec: {runName: one, actionName: fetch, taskTemplate: {container: {image: busybox}}}')}
---
${ACTION('spec: {runName: two, actionName: train, parentActionName: fetch, taskTemplate: {container: {image: busybox}}}')}`;
    expect(shown(text).map((p) => p.at)).toEqual(['fetch']);
  });

  it('judges no reference while a document of the file does not parse (its names are unknown)', () => {
    const text = `${ACTION('spec:\n  runName: r\n  actionName: fetch\n  arg\n  taskTemplate: {container: {image: busybox}}\n')}---\n${ACTION('spec: {runName: r, actionName: train, parentActionName: fetch, taskTemplate: {container: {image: busybox}}}')}`;
    expect(manifestProblems(text).map((p) => p.code)).toEqual(['yaml']);
  });

  it('reports a YAML error at its place and still checks the other documents', () => {
    const text = `${ACTION('spec:\n  runName: r\n  runName: s\n')}---\n${ACTION('spec: {runName: r, actionName: a, comand: x}')}`;
    const problems = shown(text);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('duplicate key "runName"'), expect.stringContaining('unknown field "spec.comand"')]);
  });
});
