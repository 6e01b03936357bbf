import { describe, expect, it } from 'vitest';
import { convertPod } from '../../../shared/convert/convert-object.js';
import { convertManifest, revertManifest } from '../../../shared/convert/manifest-transform.js';
import { catchUserErrors } from '../../helpers/catch-user-errors.js';
import { parseYamlStream } from './fixture-files.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  restartPolicy: Never
  containers:
  - name: a
    image: busybox
    command: [sh, -c]
    args: [echo a]
`;

const output = (text: string, options = {}) => convertManifest(text, options).chunks.join('');

describe('YAML documents keep what convert does not change', () => {
  it('copies untouched documents byte for byte, whatever their formatting', () => {
    const odd = "---\n# odd but valid\napiVersion:   v1\nkind: ConfigMap\nmetadata: { name: 'x' }   # spacing\ndata:\n    key: |\n        text\n...\n";
    const result = output(`${POD}${odd}`);
    expect(result.endsWith(odd)).toBe(true);
  });

  it('keeps comments, key order and quoting in a converted document', () => {
    const input = `# Leading comment of the first document

# second paragraph
kind: Pod          # kind first, on purpose
apiVersion: "v1"
metadata:
  name: 'p'
spec:
  containers:
    # The only step
    - name: a
      image: busybox   # pinned elsewhere
      command: ["sh", "-c"]
      args:
        - |
          echo "multi"
          echo "line"
  restartPolicy: Never
`;
    const result = output(input);
    expect(result.startsWith('# Leading comment of the first document\n\n# second paragraph\nkind: Pod          # kind first, on purpose\napiVersion: "v1"\n')).toBe(true);
    // The first document's leading comments are rendered once, not duplicated.
    expect(result.match(/Leading comment/g)).toHaveLength(1);
    expect(result).toContain("  name: 'p'\n");
    expect(result).toContain('    # The only step\n    - name: a\n      image: busybox   # pinned elsewhere\n');
    expect(result).toContain('      command: ["/tekton/bin/entrypoint"]\n');
    expect(result).toContain('        - |\n          echo "multi"\n          echo "line"\n');
    expect(revertManifest(result).chunks.join('')).toBe(input);
  });

  it('keeps a four-space layout', () => {
    const input = 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\nspec:\n    containers:\n        -   name: a\n            command: [x]\n';
    const result = output(input);
    expect(result).toContain('\nspec:\n    initContainers:\n        - name: kueueleuleu-prepare\n');
    expect(parseYamlStream(result)).toEqual([convertPod(parseYamlStream(input)[0]).object]);
  });

  it('keeps document markers, a trailing separator and a final comment', () => {
    const input = `---\n${POD}...\n---\n# the end\n`;
    const result = output(input);
    expect(result.startsWith('---\napiVersion: v1\n')).toBe(true);
    expect(result).toContain('\n...\n');
    expect(result.endsWith('---\n# the end\n')).toBe(true);
    expect(output(`${POD}---\n`).endsWith('---\n')).toBe(true);
  });

  it('reads scalars as kubectl does (YAML 1.1), and leaves their spelling alone', () => {
    const input = POD.replace('  name: p\n', '  name: p\n  labels: {a: e0, b: .NaN, c: 0777, d: 2024-01-01, e: on}\n');
    const result = output(input);
    expect(result).toContain('  labels: {a: e0, b: .NaN, c: 0777, d: 2024-01-01, e: on}\n');
    expect((parseYamlStream(result)[0] as { metadata: { labels: unknown } }).metadata.labels).toEqual({ a: 'e0', b: NaN, c: 511, d: '2024-01-01', e: true });
  });

  it('quotes new strings that YAML 1.1 readers would take for something else', () => {
    const input = POD.replace('command: [sh, -c]', 'command: [sh]').replace('args: [echo a]', 'args: ["yes", "2024-01-01", "0777", "e0"]');
    const reverted = revertManifest(output(input).replace("'[{\"name\":\"a\",\"command\":[\"sh\"],\"args\":[\"yes\",\"2024-01-01\",\"0777\",\"e0\"]}]'", "'[]'")).chunks.join('');
    // Without the record, the whole command line goes into command, written as new strings.
    expect(reverted).toContain('command: [sh, "yes", "2024-01-01", "0777", e0]');
  });

  it('passes through input without documents', () => {
    expect(output('')).toBe('');
    expect(output('# nothing here\n')).toBe('# nothing here\n');
  });

  it('writes documents that use aliases out in full, so an anchor edit cannot leak into its aliases', () => {
    const input = `apiVersion: batch/v1
kind: Job
metadata:
  name: j
  labels: &labels {app: x}
spec:
  template:
    metadata:
      labels: *labels
    spec:
      restartPolicy: Never
      containers:
      - name: a
        command: [x]
`;
    const result = output(input);
    expect(result).not.toMatch(/[&*]labels/);
    const [job] = parseYamlStream(result) as Record<string, Record<string, unknown>>[];
    expect(job?.['metadata']).toEqual({ name: 'j', labels: { app: 'x' }, annotations: { 'norbjd.github.io/kueueleuleu': 'true' } });
  });
});

describe('JSON manifests', () => {
  const json = `{
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": { "name": "p" },
    "spec": { "restartPolicy": "Never", "containers": [ { "name": "a", "command": ["x"] } ] }
}
`;

  it('come out as JSON with their indentation', () => {
    const result = convertManifest(json);
    expect(result.inputFormat).toBe('json');
    expect(result.format).toBe('json');
    const text = result.chunks.join('');
    expect(text).toMatch(/^\{\n {4}"apiVersion": "v1",\n/);
    expect(JSON.parse(text)).toEqual(convertPod(JSON.parse(json)).object);
  });

  it('stay minified when minified', () => {
    const text = output(JSON.stringify(JSON.parse(json)));
    expect(text.trimEnd()).not.toContain('\n');
  });

  it('are left byte for byte when there is nothing to convert', () => {
    const configMap = '{"apiVersion": "v1", "kind": "ConfigMap",   "data": {}}';
    expect(output(configMap)).toBe(configMap);
  });

  it('can be asked for as YAML, and YAML as JSON (several objects become a v1 List)', () => {
    expect(parseYamlStream(output(json, { outputFormat: 'yaml' }))).toEqual([convertPod(JSON.parse(json)).object]);
    const list = JSON.parse(output(`${POD}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`, { outputFormat: 'json' })) as Record<string, unknown>;
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List', items: [{ kind: 'Pod' }, { kind: 'ConfigMap', metadata: { name: 'c' } }] });
  });

  it('report duplicate keys, which JSON.parse would silently accept', () => {
    const [error] = catchUserErrors(() => convertManifest('{"kind": "Pod", "kind": "Job"}', { file: 'pod.json' }));
    expect(error?.message).toBe('duplicate key "kind": each key may appear once in a mapping');
    expect(error?.location).toMatchObject({ file: 'pod.json', line: 1, column: 17 });
  });
});

describe('v1 List documents', () => {
  const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: c}
- apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    restartPolicy: Never
    containers:
    - {name: a, command: [x]}
`;

  it('convert their convertible items and keep the others', () => {
    const result = convertManifest(list);
    expect(result.objects.map((o) => [o.item, o.object, o.status])).toEqual([
      [0, 'ConfigMap/c', 'unsupported'],
      [1, 'Pod/p', 'transformed'],
    ]);
    const text = result.chunks.join('');
    expect(text).toContain('- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n');
    const [converted] = parseYamlStream(text) as { items: unknown[] }[];
    expect(converted?.items[1]).toEqual(convertPod((parseYamlStream(list)[0] as { items: unknown[] }).items[1]).object);
  });

  it('refuse a List whose items are not a list', () => {
    const [error] = catchUserErrors(() => convertManifest('apiVersion: v1\nkind: List\nitems: {a: 1}\n'));
    expect(error?.message).toBe('items of a List must be a list');
    expect(error?.location).toMatchObject({ document: 0, line: 3, field: 'items' });
  });

  it('locate problems of an item inside the List', () => {
    const [error] = catchUserErrors(() => convertManifest(list.replace('command: [x]', 'image: x'), { file: 'list.yaml' }));
    expect(error?.location).toEqual({ file: 'list.yaml', document: 0, line: 13, column: 7, object: 'Pod/p', field: 'items[1].spec.containers[0].command' });
  });
});

describe('problems in the input', () => {
  it('are located by file, document, line and column; nothing is returned', () => {
    const input = `${POD}---\n${POD.replace('    command: [sh, -c]\n', '')}`;
    const [error] = catchUserErrors(() => convertManifest(input, { file: 'pods.yaml' }));
    // Points at the container that lacks the command.
    expect(error?.location).toEqual({ file: 'pods.yaml', document: 1, line: 20, column: 5, object: 'Pod/p', field: 'spec.containers[0].command' });
  });

  it('are all reported, from every document', () => {
    const bad = 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: [{name: a}]}\n';
    const errors = catchUserErrors(() => convertManifest(`${bad}---\n${POD}---\n${bad}---\nkey: [unclosed\n`));
    expect(errors.map((e) => e.location.document)).toEqual([0, 2, 3]);
  });

  it('stop being collected after fifty', () => {
    const bad = 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: [{name: a}]}\n';
    const errors = catchUserErrors(() => convertManifest(Array.from({ length: 80 }, () => bad).join('---\n')));
    expect(errors).toHaveLength(51);
    expect(errors[50]?.message).toBe('stopped after 50 problems');
  });

  it('include documents that are not mappings', () => {
    const [error] = catchUserErrors(() => convertManifest(`${POD}---\njust some text\n`));
    expect(error?.message).toBe('the document is not a Kubernetes object (a mapping with apiVersion and kind)');
    expect(error?.location).toMatchObject({ document: 1, line: 13, column: 1 });
  });

  it('include a "billion laughs" alias expansion, refused before it grows', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${prev}`).join(',')}]`);
    }
    const bomb = `apiVersion: v1\nkind: Pod\nmetadata: {name: lol}\n${levels.join('\n')}\nspec: {containers: []}\n`;
    const started = process.memoryUsage().heapUsed;
    const [error] = catchUserErrors(() => convertManifest(bomb));
    expect(error?.message).toMatch(/^the document's aliases expand it beyond \d+ bytes \(a "billion laughs" document\?\)$/);
    expect(error?.location).toMatchObject({ document: 0, line: 9 });
    expect(process.memoryUsage().heapUsed - started).toBeLessThan(100 * 1024 * 1024);
  });

  it('include a syntax error with its position', () => {
    const [error] = catchUserErrors(() => convertManifest('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n   command: x\n'));
    expect(error?.message).toMatch(/^YAML syntax error: /);
    expect(error?.location).toMatchObject({ document: 0, line: 6 });
  });
});
