import { describe, expect, it } from 'vitest';
import { MAX_POD_NAME_LENGTH, podName } from '../../../shared/executor/pod-name.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe('podName', () => {
  it('is the TaskAction name plus the attempt when that fits', () => {
    expect(podName('acme-proj-dev-r1-a0', 1)).toBe('acme-proj-dev-r1-a0-a1');
    expect(podName('acme-proj-dev-r1-a0', 12)).toBe('acme-proj-dev-r1-a0-a12');
  });

  it('is the same every time for the same action and attempt, and differs between attempts', () => {
    const name = 'x'.repeat(200);
    expect(podName(name, 2)).toBe(podName(name, 2));
    expect(podName(name, 2)).not.toBe(podName(name, 3));
  });

  it('shortens long names to a DNS label of at most 63 characters, keeping them apart with a hash', () => {
    const a = `${'organisation-'.repeat(5)}run-a`;
    const b = `${'organisation-'.repeat(5)}run-b`;
    for (const name of [a, b, 'a'.repeat(253)]) {
      const pod = podName(name, 3);
      expect(pod.length).toBeLessThanOrEqual(MAX_POD_NAME_LENGTH);
      expect(pod).toMatch(DNS_LABEL);
      expect(pod.endsWith('-a3')).toBe(true);
    }
    expect(podName(a, 1)).not.toBe(podName(b, 1));
    expect(podName(a, 1).startsWith('organisation-organisation-')).toBe(true);
  });

  it('turns dotted names into labels without colliding with the dashed spelling', () => {
    const dotted = podName('acme.proj-dev-r1-a0', 1);
    expect(dotted).toMatch(DNS_LABEL);
    expect(dotted).not.toBe(podName('acme-proj-dev-r1-a0', 1));
  });

  it('rejects attempts below 1', () => {
    expect(() => podName('a', 0)).toThrow('attempt must be a whole number from 1, not 0');
  });
});
