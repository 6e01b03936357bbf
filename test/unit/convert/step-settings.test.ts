import { describe, expect, it } from 'vitest';
import { convertPod } from '../../../shared/convert/convert-object.js';
import { convertManifest, revertManifest } from '../../../shared/convert/manifest-transform.js';
import { runningStep } from '../../../shared/convert/running-step.js';
import { renderStepStatus } from '../../../kubectl-plugin/printers/step-status.js';
import { catchUserErrors } from '../../helpers/catch-user-errors.js';

function manifest(steps: string): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: pipeline
  annotations:
    kueue.dev/steps: '${steps}'
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: train
        image: python
        command: [python, train.py]
      - name: upload
        image: amazon/aws-cli
        command: [aws, s3, cp]
`;
}

const argsOf = (text: string, step: number): string[] => {
  const parsed = JSON.parse(convertManifest(text, { outputFormat: 'json' }).chunks.join('')) as { spec: { template: { spec: { containers: { args: string[] }[] } } } };
  return parsed.spec.template.spec.containers[step]?.args ?? [];
};

describe('the kueue.dev/steps annotation', () => {
  it('maps timeout and onError to the entrypoint flags of the named step only', () => {
    const text = manifest('{"train": {"timeout": "1h30m", "onError": "continue"}}');
    expect(argsOf(text, 0)).toEqual([
      '-post_file', '/tekton/run/0/out',
      '-step_metadata_dir', '/tekton/run/0/status',
      '-termination_path', '/tekton/run/0/termination',
      '-timeout', '1h30m',
      '-on_error', 'continue',
      '-entrypoint', 'python', '--', 'train.py',
    ]);
    expect(argsOf(text, 1)).not.toContain('-timeout');
    expect(argsOf(text, 1)).not.toContain('-on_error');
  });

  it('is undone by revert, byte for byte (the annotation is the user\'s and stays)', () => {
    const text = manifest('{"upload": {"timeout": "90s"}, "train": {"onError": "stopAndFail"}}');
    const converted = convertManifest(text).chunks.join('');
    expect(converted).toMatch(/- -timeout\n\s*- 90s\n/);
    expect(revertManifest(converted).chunks.join('')).toBe(text);
  });

  it.each([
    ['bad JSON', '{"train": {"timeout": }', /^annotation kueue.dev\/steps is not valid JSON: /, /e\.g\. kueue\.dev\/steps: /],
    ['not an object', '["train"]', /^annotation kueue.dev\/steps must be a JSON object of step names$/, /e\.g\./],
    ['an unknown container', '{"trian": {"timeout": "1m"}}', /names step "trian", which is not a container of this object$/, /use one of: "train", "upload"/],
    ['a bad duration', '{"train": {"timeout": "30 minutes"}}', /step "train" has timeout "30 minutes", which is not a duration$/, /Go duration/],
    ['a negative duration', '{"train": {"timeout": "-5m"}}', /has timeout "-5m", which is not a duration$/, /Go duration/],
    ['a bad onError', '{"train": {"onError": "ignore"}}', /step "train" has onError "ignore"$/, /"continue" .* or "stopAndFail"/],
    ['an unknown setting', '{"train": {"retries": 3}}', /step "train" has unknown setting "retries"$/, /"timeout" and "onError"/],
    ['settings that are not an object', '{"train": "30m"}', /the settings of step "train" must be an object$/, /e\.g\./],
  ])('reports %s with file, line and the annotation', (_case, steps, message, hint) => {
    const errors = catchUserErrors(() => convertManifest(manifest(steps), { file: 'job.yaml' }));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(message);
    expect(errors[0]?.hint).toMatch(hint);
    expect(errors[0]?.location).toMatchObject({
      file: 'job.yaml',
      line: 6,
      object: 'Job/pipeline',
      field: 'metadata.annotations["kueue.dev/steps"]',
    });
  });

  it('accepts every Go duration form', () => {
    for (const timeout of ['300ms', '1.5h', '2h45m30s', '10us', '1µs']) {
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations: { 'kueue.dev/steps': JSON.stringify({ a: { timeout } }) } }, spec: { restartPolicy: 'Never', containers: [{ name: 'a', command: ['x'] }] } };
      expect(convertPod(pod).object).toMatchObject({ spec: { containers: [{ args: expect.arrayContaining(['-timeout', timeout]) as unknown }] } });
    }
  });
});

describe('a step that failed and was continued', () => {
  it('is shown with its real exit code, not as completed', () => {
    const finished = { startedAt: '2024-05-01T10:00:00Z', finishedAt: '2024-05-01T10:00:05Z' };
    const pod = {
      metadata: { annotations: { 'norbjd.github.io/kueueleuleu': 'true' } },
      spec: { initContainers: [{ name: 'kueueleuleu-prepare' }], containers: [{ name: 'train' }, { name: 'upload' }] },
      status: {
        phase: 'Succeeded',
        containerStatuses: [
          { name: 'train', state: { terminated: { exitCode: 0, reason: 'Completed', message: '[{"key":"ExitCode","value":"3","type":3},{"key":"StartedAt","value":"2024-05-01T10:00:00.000Z","type":3}]', ...finished } } },
          { name: 'upload', state: { terminated: { exitCode: 0, reason: 'Completed', message: '[{"key":"StartedAt","value":"x","type":3}]', ...finished } } },
        ],
      },
    };
    const report = runningStep(pod);
    expect(report.steps.map((s) => s.continuedAfterExitCode)).toEqual([3, undefined]);
    const rows = renderStepStatus('ns', 'p', report).split('\n').slice(3, 5).map((l) => l.split(/\s{2,}/).slice(0, 3));
    expect(rows).toEqual([
      ['train', 'step', 'Failed (exit 3), continued'],
      ['upload', 'step', 'Completed'],
    ]);
  });
});
