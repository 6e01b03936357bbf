import { describe, expect, it } from 'vitest';
import { analyzeManifest } from '../../../extension/src/convert/manifest-analysis.js';

const apply = (text: string, fix: { offset: number; length: number; text: string }) => text.slice(0, fix.offset) + fix.text + text.slice(fix.offset + fix.length);

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  restartPolicy: Never
  containers:
  - name: step1
    image: busybox
    command: [echo, one]
  - name: step2
    image: busybox # the tool
    env:
    - {name: A, value: b}
`;

describe('missing command findings', () => {
  it('puts a command skeleton after image:, indented like it, and convert becomes possible', () => {
    const [doc] = analyzeManifest(pod);
    expect(doc?.convert.possible).toBe(false);
    expect(doc?.missingCommands.map((f) => f.container)).toEqual(['step2']);
    const fixed = apply(pod, doc?.missingCommands[0]?.fix ?? { offset: 0, length: 0, text: '' });
    expect(fixed).toContain('  - name: step2\n    image: busybox # the tool\n    command: ["/bin/sh", "-c", "TODO"]\n    env:\n');
    expect(analyzeManifest(fixed)[0]?.convert.possible).toBe(true);
  });

  it('fills an empty command of a Job template and offers one fix per container', () => {
    const job = `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: a
          command: []
          image: busybox
        - name: b
          command:
          image: busybox`;
    const [doc] = analyzeManifest(job);
    expect(doc?.missingCommands.map((f) => f.container)).toEqual(['a', 'b']);
    let fixed = job;
    // Last first, so the first fix's offsets still hold.
    for (const finding of [...(doc?.missingCommands ?? [])].reverse()) fixed = apply(fixed, finding.fix);
    expect(fixed).toContain('        - name: a\n          command: ["/bin/sh", "-c", "TODO"]\n');
    expect(fixed).toContain('        - name: b\n          command: ["/bin/sh", "-c", "TODO"]\n          image: busybox');
    expect(analyzeManifest(fixed)[0]?.convert.possible).toBe(true);
  });

  it('appends after the last line of a file without a final newline, and leaves flow-style containers alone', () => {
    const last = pod.replace('    env:\n    - {name: A, value: b}\n', '').trimEnd();
    const [doc] = analyzeManifest(last);
    expect(apply(last, doc?.missingCommands[0]?.fix ?? { offset: 0, length: 0, text: '' }).endsWith('    image: busybox # the tool\n    command: ["/bin/sh", "-c", "TODO"]')).toBe(true);
    const flow = pod.replace(/ {2}- name: step2\n[\s\S]*$/, '  - {name: step2, image: busybox}\n');
    expect(analyzeManifest(flow)[0]?.missingCommands).toEqual([]);
    expect(analyzeManifest(flow)[0]?.convert.possible).toBe(false);
  });

  it('finds nothing in a workload that is already converted or has every command', () => {
    expect(analyzeManifest(pod.replace('    image: busybox # the tool\n', '    image: busybox\n    command: [x]\n'))[0]?.missingCommands).toEqual([]);
  });
});
