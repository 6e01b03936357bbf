import { describe, expect, it } from 'vitest';
import { analyzeManifest } from '../../../extension/src/convert/manifest-analysis.js';
import { convertManifest } from '../../../shared/convert/manifest-transform.js';

const pod = (name: string, spec = '  restartPolicy: Never\n') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec}  containers:\n  - name: a\n    image: busybox\n    command: [x]\n`;
const converted = (text: string) => convertManifest(text).chunks.join('');
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('analyzeManifest', () => {
  it('joins the core inspection with the kind and state of each document', () => {
    const text = `${pod('one')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n${converted(pod('two'))}`;
    const docs = analyzeManifest(text);
    expect(docs.map((d) => [d.index, d.objects, d.workload, d.sequential, d.convert.possible, d.revert.possible])).toEqual([
      [0, ['Pod/one'], true, false, true, false],
      [1, ['ConfigMap/c'], false, false, false, false],
      [2, ['Pod/two'], true, true, false, true],
    ]);
    expect(docs[1]?.start).toBe(text.indexOf('---\napiVersion: v1\nkind: ConfigMap'));
  });

  it('looks into the items of a v1 List', () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n- apiVersion: batch/v1\n  kind: Job\n  metadata: {name: j}\n  spec:\n    template:\n      spec:\n        restartPolicy: Never\n        containers: [{name: a, image: b, command: [x]}]\n';
    expect(analyzeManifest(list)).toMatchObject([{ workload: true, sequential: false, convert: { possible: true }, objects: ['ConfigMap/c', 'Job/j'] }]);
  });

  it('locates the restart-policy warning of converted Pods on the line to fix', () => {
    const unset = converted(pod('bare', ''));
    const [bare] = analyzeManifest(unset);
    expect(bare?.restartPolicy).toHaveLength(1);
    expect(bare?.restartPolicy[0]?.object).toBe('Pod/bare');
    expect(bare?.restartPolicy[0]?.message).toMatch(/^restartPolicy is not set and defaults to Always for a Pod: /);
    expect(unset.slice(bare?.restartPolicy[0]?.offset)).toMatch(/^kind: Pod\n/);

    const always = converted(pod('always', '  restartPolicy: Always\n'));
    const [doc] = analyzeManifest(`# leading comment\n${always}`);
    const offset = doc?.restartPolicy[0]?.offset ?? -1;
    expect(`# leading comment\n${always}`.slice(offset)).toMatch(/^restartPolicy: Always\n/);
    expect(lineOf(`# leading comment\n${always}`, offset)).toBeGreaterThan(1);
  });

  it('does not warn on Pods that are not converted, or whose policy is Never or OnFailure', () => {
    expect(analyzeManifest(pod('plain', '')).flatMap((d) => d.restartPolicy)).toEqual([]);
    expect(analyzeManifest(converted(pod('never'))).flatMap((d) => d.restartPolicy)).toEqual([]);
    expect(analyzeManifest(converted(pod('retry', '  restartPolicy: OnFailure\n'))).flatMap((d) => d.restartPolicy)).toEqual([]);
  });

  it('marks a document with a syntax error as neither convertible nor a known workload', () => {
    const [doc] = analyzeManifest('apiVersion: v1\nkind: Pod\nspec: [unclosed\n');
    expect(doc).toMatchObject({ workload: false, convert: { possible: false, reason: expect.stringMatching(/^YAML syntax error/) as unknown } });
  });
});
