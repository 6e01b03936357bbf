import { describe, expect, it } from 'vitest';
import { manifestAtCursor } from '../../../../extension/src/enqueue/manifest-at-cursor.js';
import { catchError } from './catch-error.js';

const TEXT = `# settings first
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
---
apiVersion: v1
kind: Pod
metadata:
  name: train
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox
    command: [sh, -c, echo hi]
`;

describe('manifestAtCursor', () => {
  it('reads only the document under the cursor, with where it starts', () => {
    const doc = manifestAtCursor(TEXT, TEXT.indexOf('name: main'), 'pods.yaml');
    expect(doc.location).toEqual({ file: 'pods.yaml', document: 1, line: 7 });
    expect(doc.value).toMatchObject({ kind: 'Pod', metadata: { name: 'train' } });
    expect(manifestAtCursor(TEXT, 0, 'pods.yaml').value).toMatchObject({ kind: 'ConfigMap' });
  });

  it('reports a syntax error of that document with its line', () => {
    const broken = 'apiVersion: v1\nkind: Pod\nmetadata: {name: [x\n';
    const err = catchError(() => manifestAtCursor(broken, 5, 'bad.yaml'));
    expect(err).toMatchObject({ name: 'UserError', location: { file: 'bad.yaml', document: 0, line: 4, column: 1 } });
    expect((err as Error).message).toMatch(/^YAML syntax error: /);
  });

  it('refuses an empty file', () => {
    expect(catchError(() => manifestAtCursor('', 0, 'empty.yaml'))).toMatchObject({ name: 'UserError', message: 'there is no YAML document at the cursor' });
  });
});
