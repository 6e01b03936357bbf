import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kueue-output-validity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  restartPolicy: Never
  containers:
  - name: a
    image: busybox
    command: [sh, -c, echo a]
  - name: b
    image: busybox
    command: [echo, b]
`;

/** The documents of a YAML stream, failing on any parse error or warning. */
function readYaml(text: string): unknown[] {
  const docs = parseAllDocuments(text, { version: '1.1' });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) expect([...doc.errors, ...doc.warnings].map((e) => e.message)).toEqual([]);
  return list.map((doc) => doc.toJS() as unknown).filter((value) => value !== null);
}

describe('convert and revert print only valid YAML and JSON', () => {
  it('an empty document before a converted one does not run into its `---`', async () => {
    const result = await runCliInProcess(['convert', '-f', file('empty-first.yaml', `---\n---\n${POD}---\n---`)]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('------');
    expect(readYaml(result.stdout)).toHaveLength(1);
  });

  it('documents with %YAML directives from several files are separated by `...`', async () => {
    const at = file('directive.yaml', `%YAML 1.1\n---\n${POD}`);
    const result = await runCliInProcess(['convert', '-f', at, '-f', at]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\n\.\.\.\n%YAML 1\.1\n---\n/);
    expect(readYaml(result.stdout)).toHaveLength(2);
  });

  it('prints nothing when a later file fails, though the earlier ones were already converted', async () => {
    const good = file('good.yaml', POD);
    const bad = file('bad.yaml', POD.replace('    command: [echo, b]\n', ''));
    const result = await runCliInProcess(['convert', '-f', good, '-f', bad]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^error: ${bad}:`, 'm'));
  });

  it('streams a large manifest through unchanged in order, byte for byte where nothing changes', async () => {
    const other = (i: number) => `apiVersion: v1\nkind: ConfigMap # keep\nmetadata: {name: c${i}}\ndata:\n  n: "${i}"\n`;
    const documents = Array.from({ length: 3000 }, (_, i) => (i % 100 === 0 ? POD.replace('name: p', `name: p${i}`) : other(i)));
    const result = await runCliInProcess(['convert', '-f', file('large.yaml', documents.join('---\n'))]);
    expect(result.code).toBe(0);
    const read = readYaml(result.stdout);
    expect(read).toHaveLength(3000);
    expect(result.stdout).toContain(`---\n${other(2999)}`);
    expect(result.stdout.indexOf(other(1))).toBeLessThan(result.stdout.indexOf(other(2998)));
  }, 300_000);

  it('-o json refuses a document JSON cannot hold instead of printing something else', async () => {
    const at = file('infinite.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: .inf}\n');
    const result = await runCliInProcess(['convert', '-f', at, '-o', 'json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`error: ${at}: the JSON output would not read back as the objects it was made from, so nothing was written`);
  });

  it('revert(convert(x)) reads back as x for tagged commands', async () => {
    const tagged = POD.replace('command: [sh, -c, echo a]', 'command: !!seq [!!str sh, !!str yes, !!str 0777, !!str 1e3, !!str null, !!str "~", !!str on]\n    args: [!!str 12:30]');
    const converted = await runCliInProcess(['convert', '-f', '-'], { input: tagged });
    expect(converted.code).toBe(0);
    const reverted = await runCliInProcess(['revert', '-f', '-'], { input: converted.stdout });
    expect(reverted.code).toBe(0);
    expect(readYaml(reverted.stdout)).toEqual(readYaml(tagged));
  });
});
