import { describe, expect, it } from 'vitest';
import { runningStep } from '../../../shared/convert/running-step.js';
import { renderStepStatus } from '../../../kubectl-plugin/printers/step-status.js';

const done = { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2024-05-01T10:00:00Z', finishedAt: '2024-05-01T10:00:05Z' } };

describe('the step table of kubectl kueue status', () => {
  it('lists native sidecars after the steps, without counting them', () => {
    const pod = {
      metadata: { annotations: { 'norbjd.github.io/kueueleuleu': 'true' } },
      spec: {
        initContainers: [{ name: 'kueueleuleu-prepare' }, { name: 'log-shipper', restartPolicy: 'Always' }],
        containers: [{ name: 'train' }, { name: 'upload' }],
      },
      status: {
        phase: 'Running',
        initContainerStatuses: [
          { name: 'kueueleuleu-prepare', state: done },
          { name: 'log-shipper', state: { running: { startedAt: '2024-05-01T10:00:00Z' } } },
        ],
        containerStatuses: [
          { name: 'train', state: done },
          { name: 'upload', state: done },
        ],
      },
    };
    const text = renderStepStatus('ns', 'p', runningStep(pod), Date.parse('2024-05-01T10:01:00Z'));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Pod ns\/p\s+Running\s+2\/2 steps done$/);
    expect(lines.slice(3, 6).map((l) => l.split(/\s{2,}/).slice(0, 3))).toEqual([
      ['train', 'step', 'Completed'],
      ['upload', 'step', 'Completed'],
      ['log-shipper', 'sidecar', 'Running'],
    ]);
  });
});
