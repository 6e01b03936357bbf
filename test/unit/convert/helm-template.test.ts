import { describe, expect, it } from 'vitest';
import { inspectManifest } from '../../../shared/convert/manifest-inspection.js';
import { convertManifest } from '../../../shared/convert/manifest-transform.js';
import { catchUserErrors } from '../../helpers/catch-user-errors.js';

// Parses cleanly: `{{ .Release.Name }}` is a flow mapping whose key is a flow mapping.
const parsesAsYaml = `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}
spec:
  containers:
  - name: a
    image: busybox
    command: [x]
`;

// Does not parse: a whole-line action inside a block mapping.
const syntaxError = `apiVersion: batch/v1
kind: Job
metadata:
  name: job
  labels:
    {{- include "chart.labels" . | nindent 4 }}
spec:
  template:
    spec:
      containers:
      - name: a
        command: [x]
`;

describe('Helm templates', () => {
  it('that parse as YAML are refused, not converted, with the line of the action and what to run', () => {
    const errors = catchUserErrors(() => convertManifest(parsesAsYaml, { file: 'chart/templates/pod.yaml' }));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe('this is a Helm template ({{ ... }}), not a manifest');
    expect(errors[0]?.location).toMatchObject({ file: 'chart/templates/pod.yaml', line: 4, column: 9 });
    expect(errors[0]?.hint).toBe('render it first: helm template RELEASE CHART | kubectl kueue convert -f -');
  });

  it('that do not parse get the same message instead of the syntax errors', () => {
    const errors = catchUserErrors(() => convertManifest(syntaxError, { file: 'job.yaml' }));
    expect(errors.map((e) => e.message)).toEqual(['this is a Helm template ({{ ... }}), not a manifest']);
    expect(errors[0]?.location).toMatchObject({ file: 'job.yaml', line: 6, column: 5 });
  });

  it('are named in the reason an editor shows for a disabled action', () => {
    const [inspection] = inspectManifest(parsesAsYaml);
    expect(inspection?.convert).toEqual({ possible: false, reason: 'this is a Helm template ({{ ... }}), not a manifest' });
  });

  it('are told apart from quoted braces, which are the user\'s strings', () => {
    const quoted = parsesAsYaml.replace('{{ .Release.Name }}', 'p').replace('command: [x]', 'command: [echo, "{{ not a template }}"]');
    expect(convertManifest(quoted).changed).toBe(true);
  });

  it('are told apart from other syntax errors', () => {
    const [error] = catchUserErrors(() => convertManifest('kind: Pod\nmetadata: {name: [}\n'));
    expect(error?.message).toMatch(/^YAML syntax error/);
  });
});
