import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../shared/kube/backoff.js';

describe('backoffDelayMs', () => {
  const limits = { initial: 250, max: 30_000 };

  it('starts at the initial delay and doubles with each further failure', () => {
    expect([1, 2, 3, 4, 5].map((failures) => backoffDelayMs(failures, limits))).toEqual([250, 500, 1000, 2000, 4000]);
  });

  it('never goes above the cap, however many failures', () => {
    expect(backoffDelayMs(8, limits)).toBe(30_000);
    expect(backoffDelayMs(1_000_000, limits)).toBe(30_000);
  });

  it('takes no failures (or fewer) as the first failure', () => {
    expect(backoffDelayMs(0, limits)).toBe(250);
    expect(backoffDelayMs(-3, limits)).toBe(250);
  });
});
