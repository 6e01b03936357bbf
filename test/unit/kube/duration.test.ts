import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../shared/kube/duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['2h', 7_200_000],
    ['5', 5000],
    ['1.5s', 1500],
  ])('%s -> %d ms', (text, ms) => {
    expect(parseDuration(text, '--timeout')).toBe(ms);
  });

  it('names the flag of a value it cannot read', () => {
    expect(() => parseDuration('soon', '--timeout')).toThrow('invalid duration "soon" for --timeout');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [1500, '1s500ms'],
    [30_000, '30s'],
    [60_000, '1m'],
    [90_000, '1m30s'],
    [180_000, '3m'],
    [3_723_000, '1h2m3s'],
  ])('%d ms -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('writes what parseDuration reads back', () => {
    for (const ms of [1, 999, 1000, 61_001, 86_400_000]) expect(parseDuration(formatDuration(ms), '--x')).toBe(ms);
  });
});
