import { describe, expect, it } from 'vitest';
import { runningStep } from '../../../shared/convert/running-step.js';

const SEQUENTIAL = { annotations: { 'norbjd.github.io/kueueleuleu': 'true' } };

function terminated(exitCode: number, finishedAt: string | null = '2024-05-01T10:00:05Z'): Record<string, unknown> {
  return { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: '2024-05-01T10:00:00Z', finishedAt } };
}

/** A converted Pod with one user init container and three steps, statuses in the given states. */
function pod(phase: string | undefined, init: Record<string, unknown> | undefined, steps: (Record<string, unknown> | undefined)[]) {
  const names = ['one', 'two', 'three'];
  return {
    metadata: SEQUENTIAL,
    spec: {
      initContainers: [{ name: 'kueueleuleu-prepare' }, { name: 'setup' }],
      containers: names.map((name) => ({ name })),
    },
    status: {
      ...(phase === undefined ? {} : { phase }),
      initContainerStatuses: [
        { name: 'kueueleuleu-prepare', state: terminated(0) },
        ...(init ? [{ name: 'setup', state: init }] : []),
      ],
      // The kubelet reports container statuses sorted by name, not in spec order.
      containerStatuses: names
        .map((name, i) => ({ name, state: steps[i], restartCount: 0 }))
        .filter((s) => s.state !== undefined)
        .sort((a, b) => a.name.localeCompare(b.name)),
    },
  };
}

describe('runningStep', () => {
  it('refuses a Pod without the annotation, before looking at its phase', () => {
    const report = runningStep({ metadata: { annotations: { 'norbjd.github.io/kueueleuleu': 'yes' } }, status: { phase: 'Succeeded' } });
    expect(report).toMatchObject({ running: undefined, noRunningStep: 'not-sequential', message: 'not a kueueleuleu pod' });
  });

  it.each([
    ['Succeeded', 'succeeded', 'pod is succeeded'],
    ['Failed', 'failed', 'pod is failed'],
    ['Unknown', 'not-running', 'pod is not running: got phase Unknown'],
    [undefined, 'not-running', 'pod is not running: got phase '],
  ])('phase %s: %s', (phase, noRunningStep, message) => {
    const report = runningStep(pod(phase, terminated(0), [terminated(0), terminated(0), terminated(0)]));
    expect(report).toMatchObject({ running: undefined, noRunningStep, message });
  });

  it('counts a user init container as a step and skips the prepare container', () => {
    const report = runningStep(pod('Pending', { running: { startedAt: '2024-05-01T10:00:00Z' } }, []));
    expect(report.running).toBe('setup');
    expect(report.steps.map((s) => s.name)).toEqual(['setup', 'one', 'two', 'three']);
    expect(report.steps.map((s) => s.type)).toEqual(['init', 'container', 'container', 'container']);
    expect(report).toMatchObject({ done: 0, total: 4, failed: undefined });
  });

  it('walks container statuses in spec order, not in the order the kubelet reports them', () => {
    // The kubelet lists one, three, two. "one" is done; "two" runs; "three" waits for two's file.
    const running = { running: { startedAt: '2024-05-01T10:00:01Z' } };
    const report = runningStep(pod('Running', terminated(0), [terminated(0), running, running]));
    expect(report.running).toBe('two');
    expect(report.done).toBe(2);
  });

  it('takes a terminated state without finish time as still running, like upstream', () => {
    const report = runningStep(pod('Running', terminated(0), [terminated(0), terminated(0, null), { running: {} }]));
    expect(report.running).toBe('two');
    expect(report.steps[2]).toMatchObject({ name: 'two', state: 'terminated', exitCode: 0 });
    expect(report.steps[2]?.finishedAt).toBeUndefined();
  });

  it('reports "all containers are finished" when every status is terminated', () => {
    const report = runningStep(pod('Running', terminated(0), [terminated(0), terminated(0), terminated(0)]));
    expect(report).toMatchObject({ running: undefined, noRunningStep: 'all-finished', message: 'all containers are finished', done: 4 });
  });

  it('reports "all containers are finished" when there are no statuses yet', () => {
    const report = runningStep({ metadata: SEQUENTIAL, spec: { containers: [{ name: 'a' }] }, status: { phase: 'Pending' } });
    expect(report).toMatchObject({ noRunningStep: 'all-finished', steps: [{ name: 'a', state: 'pending' }] });
  });

  it('shows the first failed step of a .err cascade', () => {
    // "two" failed; the entrypoint of "three" found two's out.err and exited 1 without running.
    const report = runningStep(pod('Failed', terminated(0), [terminated(0), terminated(2), terminated(1)]));
    expect(report.failed).toMatchObject({ name: 'two', exitCode: 2, reason: 'Error' });
    expect(report.noRunningStep).toBe('failed');
  });

  it('gives per-step details for a status view', () => {
    const report = runningStep(pod('Running', terminated(0), [terminated(0), { waiting: { reason: 'ContainerCreating' } }]));
    expect(report.steps[1]).toEqual({
      name: 'one',
      type: 'container',
      state: 'terminated',
      exitCode: 0,
      reason: 'Completed',
      startedAt: '2024-05-01T10:00:00Z',
      finishedAt: '2024-05-01T10:00:05Z',
      restartCount: 0,
    });
    expect(report.steps[2]).toEqual({ name: 'two', type: 'container', state: 'waiting', reason: 'ContainerCreating', restartCount: 0 });
    expect(report.steps[3]).toEqual({ name: 'three', type: 'container', state: 'pending' });
    expect(report.running).toBe('two');
  });
});

describe('runningStep with native sidecars', () => {
  /** One step done, the next running, and a native sidecar running beside them (as kubelet reports it). */
  function withSidecar(phase: string, second: Record<string, unknown>, sidecar: Record<string, unknown> = { running: { startedAt: '2024-05-01T10:00:00Z' } }) {
    return {
      metadata: SEQUENTIAL,
      spec: {
        initContainers: [{ name: 'kueueleuleu-prepare' }, { name: 'log-shipper', restartPolicy: 'Always' }],
        containers: [{ name: 'one' }, { name: 'two' }],
      },
      status: {
        phase,
        initContainerStatuses: [
          { name: 'kueueleuleu-prepare', state: terminated(0) },
          { name: 'log-shipper', state: sidecar, restartCount: 0 },
        ],
        containerStatuses: [
          { name: 'one', state: terminated(0) },
          { name: 'two', state: second },
        ],
      },
    };
  }

  it('does not count them as steps nor call them the running step', () => {
    const report = runningStep(withSidecar('Running', { running: { startedAt: '2024-05-01T10:00:06Z' } }));
    expect(report.running).toBe('two');
    expect(report.steps.map((s) => s.name)).toEqual(['one', 'two']);
    expect(report.total).toBe(2);
    expect(report.sidecars).toEqual([{ name: 'log-shipper', type: 'sidecar', state: 'running', startedAt: '2024-05-01T10:00:00Z', restartCount: 0 }]);
  });

  it('reports every step done when the sidecar is still up', () => {
    const report = runningStep(withSidecar('Running', terminated(0)));
    expect(report).toMatchObject({ running: undefined, noRunningStep: 'all-finished', done: 2, total: 2 });
  });

  it('counts a completed sidecar neither as done nor as failed', () => {
    const report = runningStep(withSidecar('Succeeded', terminated(0), terminated(137)));
    expect(report).toMatchObject({ done: 2, total: 2, failed: undefined });
  });
});
