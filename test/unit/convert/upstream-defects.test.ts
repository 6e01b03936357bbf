import { describe, expect, it } from 'vitest';
import { convertJob, convertPod } from '../../../shared/convert/convert-object.js';
import { convertManifest } from '../../../shared/convert/manifest-transform.js';
import { catchUserErrors } from '../../helpers/catch-user-errors.js';
import { parseYamlStream } from './fixture-files.js';

/** One test per defect of kueueleuleu v0.1.0 listed in the reference, showing we do not copy it. */
describe('defects of the original tool we do not copy', () => {
  it('1. keeps quantities, false/0/"" values and empty lists (gob turned them into "0", dropped them, or null)', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'a',
            command: ['true'],
            workingDir: '',
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1' } },
            securityContext: { runAsUser: 0, allowPrivilegeEscalation: false, readOnlyRootFilesystem: false },
            ports: [],
          },
        ],
        restartPolicy: 'Never',
        terminationGracePeriodSeconds: 0,
      },
    };
    const container = (convertPod(pod).object['spec'] as { containers: Record<string, unknown>[] }).containers[0];
    expect(container).toMatchObject({
      workingDir: '',
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1' } },
      securityContext: { runAsUser: 0, allowPrivilegeEscalation: false, readOnlyRootFilesystem: false },
      ports: [],
    });
    const job = convertJob({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { backoffLimit: 0, template: { spec: { containers: [] } } } }).object;
    expect(job).toMatchObject({ spec: { backoffLimit: 0, template: { spec: { containers: [] } } } });
  });

  it('2. detects an already converted object instead of nesting entrypoints', () => {
    const once = convertManifest('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, command: [x]}\n').chunks.join('');
    const [error] = catchUserErrors(() => convertManifest(once));
    expect(error?.message).toMatch(/^already converted to sequential containers/);
    expect(error?.location).toMatchObject({ document: 0, line: 3, object: 'Pod/p' });
    expect(convertManifest(once, { ifConverted: 'skip' }).chunks.join('')).toBe(once);
  });

  it('3. reports clashes with tekton-internal-* volumes, /tekton mounts and the prepare container name', () => {
    const errors = catchUserErrors(() =>
      convertPod({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: {
          initContainers: [{ name: 'kueueleuleu-prepare', image: 'x' }],
          containers: [{ name: 'a', command: ['x'], volumeMounts: [{ name: 'v', mountPath: '/tekton/run/0' }] }],
          volumes: [{ name: 'tekton-internal-run-0', emptyDir: {} }, { name: 'v' }],
        },
      }),
    );
    expect(errors.map((e) => e.location.field)).toEqual([
      'spec.containers[0].volumeMounts[0].mountPath',
      'spec.initContainers[0].name',
      'spec.volumes[0].name',
    ]);
  });

  it('4. validates the whole input first: a later syntax error, duplicate key or missing field fails everything', () => {
    const first = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - {name: a, command: [x]}\n';
    const syntax = catchUserErrors(() => convertManifest(`${first}---\napiVersion: v1\nkind: Pod\nmetadata: {name: b\n`, { file: 'm.yaml' }));
    expect(syntax[0]?.location).toMatchObject({ file: 'm.yaml', document: 1, line: 11 });
    expect(syntax[0]?.message).toMatch(/^YAML syntax error: Flow map/);
    const duplicate = catchUserErrors(() => convertManifest(`${first}---\napiVersion: v1\nkind: Pod\nkind: Pod\n`));
    expect(duplicate[0]?.message).toBe('duplicate key "kind": each key may appear once in a mapping');
    expect(duplicate[0]?.location).toMatchObject({ document: 1, line: 10, column: 1 });
    // The original tool decoded every document into the same map, so this Pod inherited the first one's spec.
    const inherited = catchUserErrors(() => convertManifest(`${first}---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n`));
    expect(inherited.map((e) => [e.message, e.location.object])).toEqual([['the pod spec is missing', 'Pod/b']]);
    // A trailing document separator is not an error.
    expect(parseYamlStream(convertManifest(`${first}---\n`).chunks.join(''))).toHaveLength(1);
  });

  it('5. keeps comments and key order instead of re-serialising through Go types', () => {
    const input = '# my pod\nkind: Pod\napiVersion: v1\nmetadata:\n  name: p # name\nspec:\n  restartPolicy: Never\n  containers:\n  # the step\n  - name: a\n    command: [x]\n';
    const output = convertManifest(input).chunks.join('');
    expect(output.startsWith('# my pod\nkind: Pod\napiVersion: v1\nmetadata:\n  name: p # name\n')).toBe(true);
    expect(output).toContain('spec:\n  restartPolicy: Never\n');
    expect(output).toContain('  # the step\n  - name: a\n');
  });

  it('6. passes other kinds through unchanged and reports them, instead of aborting', () => {
    const other = '---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web   # kept as is\n';
    const pod = '---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, command: [x]}\n';
    const result = convertManifest(other + pod);
    expect(result.chunks.join('').startsWith(other)).toBe(true);
    expect(result.objects.map((o) => [o.object, o.status])).toEqual([
      ['Deployment/web', 'unsupported'],
      ['Pod/p', 'transformed'],
    ]);
  });
});
