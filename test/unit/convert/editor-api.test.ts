import { describe, expect, it } from 'vitest';
import { transformDocumentAt } from '../../../shared/convert/document-at-offset.js';
import { inspectManifest } from '../../../shared/convert/manifest-inspection.js';
import { convertManifest } from '../../../shared/convert/manifest-transform.js';
import { catchUserErrors } from '../../helpers/catch-user-errors.js';

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: a\n    command: [x]\n`;
const TEXT = `# first\n${pod('one')}---\n# second\n${pod('two')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`;

const splice = (text: string, edit: { start: number; end: number; replacement: string }) =>
  text.slice(0, edit.start) + edit.replacement + text.slice(edit.end);

describe('transformDocumentAt', () => {
  it('converts only the document at the offset and leaves the rest of the text alone', () => {
    const offset = TEXT.indexOf('name: two');
    const edit = transformDocumentAt(TEXT, offset, 'convert');
    expect(edit.changed).toBe(true);
    expect(TEXT.slice(edit.start, edit.end)).toBe(`---\n# second\n${pod('two')}`);
    const after = splice(TEXT, edit);
    expect(after.startsWith(`# first\n${pod('one')}---\n# second\n`)).toBe(true);
    // The same text as converting the whole file, for that document.
    const whole = convertManifest(TEXT).chunks.join('');
    expect(after.slice(edit.start, edit.start + edit.replacement.length)).toBe(whole.slice(whole.indexOf('---\n# second'), whole.lastIndexOf('---\napiVersion: v1\nkind: ConfigMap')));
  });

  it('includes the leading comments of the first document so they are not duplicated', () => {
    const edit = transformDocumentAt(TEXT, 0, 'convert');
    expect(edit.start).toBe(0);
    const after = splice(TEXT, edit);
    expect(after.match(/# first/g)).toHaveLength(1);
    expect(edit.objects.map((o) => o.object)).toEqual(['Pod/one']);
  });

  it('reverts a converted document back to its text', () => {
    const edit = transformDocumentAt(TEXT, 0, 'convert');
    const converted = splice(TEXT, edit);
    const back = transformDocumentAt(converted, 5, 'revert');
    expect(splice(converted, back)).toBe(TEXT);
  });

  it('answers unchanged for a document of another kind', () => {
    const edit = transformDocumentAt(TEXT, TEXT.length - 3, 'convert');
    expect(edit).toMatchObject({ changed: false, objects: [{ object: 'ConfigMap/c', status: 'unsupported' }] });
    expect(edit.replacement).toBe(TEXT.slice(edit.start, edit.end));
  });

  it('converts a JSON document as JSON', () => {
    const json = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "spec": {"containers": [{"name": "a", "command": ["x"]}]}\n}\n';
    const edit = transformDocumentAt(json, 10, 'convert');
    expect(JSON.parse(edit.replacement)).toMatchObject({ spec: { initContainers: [{ name: 'kueueleuleu-prepare' }] } });
    expect(edit.replacement.startsWith('{\n  "apiVersion": "v1",')).toBe(true);
  });

  it('throws located errors for the document at the offset', () => {
    const broken = TEXT.replace('  - name: a\n    command: [x]\n---\napiVersion', '  - name: a\n---\napiVersion');
    const [error] = catchUserErrors(() => transformDocumentAt(broken, broken.indexOf('name: two'), 'convert', { file: 'pods.yaml' }));
    expect(error?.location).toMatchObject({ file: 'pods.yaml', document: 1, object: 'Pod/two', field: 'spec.containers[0].command' });
  });
});

describe('inspectManifest', () => {
  it('says per document whether it can be converted or reverted, and why not', () => {
    const converted = convertManifest(pod('done')).chunks.join('');
    const text = `${TEXT}---\n${pod('bad').replace('    command: [x]\n', '')}---\n${converted}`;
    const report = inspectManifest(text);
    expect(report.map((d) => [d.objects, d.convert, d.revert])).toEqual([
      [['Pod/one'], { possible: true }, { possible: false, reason: 'not converted to sequential containers (annotation norbjd.github.io/kueueleuleu is not "true")' }],
      [['Pod/two'], { possible: true }, expect.objectContaining({ possible: false })],
      [['ConfigMap/c'], { possible: false, reason: 'v1 ConfigMap is not a v1 Pod, batch/v1 Job or batch/v1 CronJob' }, { possible: false, reason: 'v1 ConfigMap is not a v1 Pod, batch/v1 Job or batch/v1 CronJob' }],
      [['Pod/bad'], { possible: false, reason: expect.stringMatching(/^container "a" has no command: /) as unknown }, expect.objectContaining({ possible: false })],
      [['Pod/done'], { possible: false, reason: expect.stringMatching(/^already converted/) as unknown }, { possible: true }],
    ]);
    expect(report[1]?.start).toBe(TEXT.indexOf('---\n# second'));
  });

  it('gives the syntax error as the reason', () => {
    const [doc] = inspectManifest('kind: Pod\nspec: [unclosed\n');
    expect(doc?.convert).toEqual({ possible: false, reason: expect.stringMatching(/^YAML syntax error: /) as unknown });
  });
});
