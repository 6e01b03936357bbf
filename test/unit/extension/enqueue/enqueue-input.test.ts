import { describe, expect, it } from 'vitest';
import { enqueueInput } from '../../../../extension/src/enqueue/enqueue-input.js';
import { catchError } from './catch-error.js';

const RUN = `apiVersion: flyte.org/v1
kind: TaskAction
spec:
  runName: demo-run
  actionName: a0
  taskTemplate: {container: {image: busybox, command: [true]}}
---
apiVersion: flyte.org/v1
kind: TaskAction
spec:
  runName: demo-run
  actionName: fetch
  parentActionName: a0
  taskTemplate: {container: {image: busybox, command: [true]}}
`;

const POD = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
---
apiVersion: v1
kind: Pod
metadata:
  name: train
  annotations: {team: ml}
spec:
  containers: [{name: main, image: busybox}]
`;

describe('enqueueInput', () => {
  it('takes every TaskAction of the file when the cursor is in one (a run is written as many documents)', () => {
    const input = enqueueInput(RUN, RUN.indexOf('fetch'), 'run.yaml');
    expect(input.kind).toBe('taskactions');
    if (input.kind !== 'taskactions') return;
    expect(input.documents).toHaveLength(2);
    expect(input.runNames).toEqual(['demo-run']);
  });

  it('takes only the Pod or Job under the cursor, annotations and all', () => {
    const input = enqueueInput(POD, POD.indexOf('name: main'), 'pods.yaml');
    expect(input).toMatchObject({ kind: 'workload', objectKind: 'Pod', name: 'train' });
    if (input.kind !== 'workload') return;
    expect(input.document.value).toMatchObject({ metadata: { annotations: { team: 'ml' } } });
  });

  it('names the file, document and kind it cannot enqueue, and says what would do', () => {
    const err = catchError(() => enqueueInput(POD, 0, 'pods.yaml'));
    expect(err).toMatchObject({ name: 'UserError', message: 'the document at the cursor is a ConfigMap', location: { file: 'pods.yaml', document: 0, line: 1 } });
    expect((err as { hint?: string }).hint).toBe('put the cursor in a TaskAction, Pod or Job manifest');
  });
});
