import { describe, expect, it } from 'vitest';
import { type Pod } from '../../../shared/kube/pod.js';
import { criLogLine, nextLogTimestamp } from '../../harness/cluster/control-plane/pod-logs/cri-log-line.js';
import { podLogPlan } from '../../harness/cluster/control-plane/pod-logs/pod-log-plan.js';

function pod(annotations: Record<string, string>): Pod {
  return {
    metadata: { name: 'p1', annotations },
    spec: { initContainers: [{ name: 'setup', image: 'x' }], containers: [{ name: 'main', image: 'x' }, { name: 'side', image: 'x' }] },
  };
}

describe('podLogPlan (the test control plane’s kueue.test/logs annotations)', () => {
  it('gives every container the text, per-container text first, with {pod} and {container} filled in', () => {
    expect(podLogPlan(pod({ 'kueue.test/logs': '{container} of {pod}\nbye\n', 'kueue.test/logs.side': 'only side' }))).toEqual({
      intervalMs: 0,
      containers: [
        { container: 'setup', lines: ['setup of p1', 'bye'] },
        { container: 'main', lines: ['main of p1', 'bye'] },
        { container: 'side', lines: ['only side'] },
      ],
    });
  });

  it('leaves containers without text empty, reads the interval, and skips Pods that ask for nothing', () => {
    expect(podLogPlan(pod({ 'kueue.test/logs.main': 'x', 'kueue.test/log-interval': '1m30s' }))).toMatchObject({
      intervalMs: 90_000,
      containers: [{ container: 'setup', lines: [] }, { container: 'main', lines: ['x'] }, { container: 'side', lines: [] }],
    });
    expect(podLogPlan(pod({ 'kueue.test/outcome': 'Failed' }))).toBeUndefined();
    expect(() => podLogPlan(pod({ 'kueue.test/logs': 'x', 'kueue.test/log-interval': 'often' }))).toThrow(/invalid duration "often" for annotation kueue.test\/log-interval/);
  });
});

describe('criLogLine', () => {
  it('writes the CRI log format with strictly increasing nanosecond times', () => {
    expect(criLogLine('hello', '2026-01-02T03:04:05.000000001Z')).toBe('2026-01-02T03:04:05.000000001Z stdout F hello\n');
    const times = Array.from({ length: 50 }, () => nextLogTimestamp());
    expect(times.every((time) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/.test(time))).toBe(true);
    expect([...times].sort()).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
  });
});
