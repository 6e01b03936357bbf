import { describe, expect, it } from 'vitest';
import { summarizeConversions } from '../../../extension/src/convert/conversion-summary.js';
import { convertFile } from '../../../extension/src/convert/file-conversion.js';

const pod = (name: string, command = '    command: [x]\n') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: a\n    image: busybox\n${command}`;
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';

describe('convertFile', () => {
  it('converts every workload of a file and reports them', () => {
    const result = convertFile('pods.yaml', `# two\n${pod('a')}---\n${pod('b')}---\n${configMap}`);
    expect(result.status).toBe('converted');
    if (result.status !== 'converted') return;
    expect(result.text.startsWith('# two\n')).toBe(true);
    expect(result.text.endsWith(`---\n${configMap}`)).toBe(true);
    expect(result.objects.map((o) => [o.object, o.status])).toEqual([['Pod/a', 'transformed'], ['Pod/b', 'transformed'], ['ConfigMap/c', 'unsupported']]);
  });

  it('leaves a converted file as it is the second time', () => {
    const first = convertFile('p.yaml', pod('a'));
    if (first.status !== 'converted') throw new Error(first.status);
    expect(convertFile('p.yaml', first.text)).toMatchObject({ status: 'unchanged', objects: [{ status: 'skipped', reason: 'already converted' }] });
  });

  it('reports every problem with file, line and column, and changes nothing', () => {
    const text = `${pod('ok')}---\n${pod('bad', '')}`;
    const result = convertFile('dir/bad.yaml', text);
    expect(result).toMatchObject({ status: 'failed', errors: [{ where: 'dir/bad.yaml:19:5', message: expect.stringMatching(/^container "a" has no command: /) as unknown }] });
    if (result.status === 'failed') expect(result.errors[0]?.detail).toMatch(/^dir\/bad\.yaml:19:5 \(document 2, Pod\/bad, field spec\.containers\[0\]\.command\): container "a" has no command/);
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(convertFile('bin.yaml', new Uint8Array([0x61, 0xff, 0x62]))).toMatchObject({ status: 'failed', errors: [{ message: expect.stringMatching(/not UTF-8/) as unknown }] });
  });
});

describe('summarizeConversions', () => {
  it('lists what was converted, skipped and failed, failure first in severity', () => {
    const converted = convertFile('a.yaml', pod('a'));
    const summary = summarizeConversions([converted, convertFile('c.yaml', configMap), convertFile('b.yaml', pod('b', ''))]);
    expect(summary.severity).toBe('error');
    expect(summary.message).toBe(
      'Converted 1 file: a.yaml (Pod/a). Skipped 1 file: c.yaml (no Pod, Job or CronJob). 1 file not converted: b.yaml:8:5 container "a" has no command.',
    );
    expect(summary.details[0]).toBe('converted a.yaml: Pod/a');
    expect(summary.details).toContain('skipped c.yaml: no Pod, Job or CronJob');
    expect(summary.details.find((d) => d.includes('hint:'))).toBeDefined();
  });

  it('is a warning when nothing was converted or a conversion warns, and info otherwise', () => {
    expect(summarizeConversions([convertFile('c.yaml', configMap)]).severity).toBe('warning');
    expect(summarizeConversions([]).message).toBe('No .yaml or .yml files selected.');
    const bare = pod('bare').replace('  restartPolicy: Never\n', '');
    const warned = summarizeConversions([convertFile('bare.yaml', bare)]);
    expect(warned.severity).toBe('warning');
    expect(warned.message).toMatch(/1 warning: bare\.yaml: Pod\/bare: restartPolicy is not set/);
    expect(summarizeConversions([convertFile('a.yaml', pod('a'))]).severity).toBe('info');
  });

  it('reverts in revert mode, skipping files that are not converted, and says so', () => {
    const converted = convertFile('a.yaml', pod('a'));
    if (converted.status !== 'converted') throw new Error(`not converted: ${converted.status}`);
    const reverted = convertFile('a.yaml', converted.text, {}, 'revert');
    expect(reverted.status === 'converted' ? reverted.text : reverted.status).toBe(pod('a'));
    const summary = summarizeConversions([reverted, convertFile('b.yaml', pod('b'), {}, 'revert')], 'revert');
    expect(summary.message).toBe('Reverted 1 file: a.yaml (Pod/a). Skipped 1 file: b.yaml (not converted: Pod/b).');
    expect(summary.details[0]).toBe('reverted a.yaml: Pod/a');
  });

  it('names the first few files and counts the rest', () => {
    const many = Array.from({ length: 8 }, (_, i) => convertFile(`f${i}.yaml`, configMap));
    expect(summarizeConversions(many).message).toBe(
      'Skipped 8 files: f0.yaml (no Pod, Job or CronJob), f1.yaml (no Pod, Job or CronJob), f2.yaml (no Pod, Job or CronJob), f3.yaml (no Pod, Job or CronJob), f4.yaml (no Pod, Job or CronJob) and 3 more.',
    );
  });
});
