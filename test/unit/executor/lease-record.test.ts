import { describe, expect, it } from 'vitest';
import { claimedSpec, formatMicroTime, heldByAnother, releasedSpec } from '../../../shared/executor/lease-record.js';
import { fresher, newerThan } from '../../../shared/executor/object-freshness.js';

const now = new Date('2025-01-02T03:04:05.678Z');

describe('lease record', () => {
  it('formats MicroTime with six fractional digits', () => {
    expect(formatMicroTime(now)).toBe('2025-01-02T03:04:05.678000Z');
  });

  it('another holder holds the lease until its duration has passed on our clock since we saw it change', () => {
    const spec = { holderIdentity: 'b', leaseDurationSeconds: 15 };
    expect(heldByAnother(spec, 'a', 1_000, 15_999)).toBe(true);
    expect(heldByAnother(spec, 'a', 1_000, 16_000)).toBe(false);
    expect(heldByAnother(spec, 'b', 1_000, 2_000)).toBe(false);
    expect(heldByAnother({ leaseDurationSeconds: 15 }, 'a', 1_000, 2_000)).toBe(false);
    expect(heldByAnother(undefined, 'a', 0, 0)).toBe(false);
  });

  it('taking the lease from someone counts a transition; renewing keeps acquireTime', () => {
    const taken = claimedSpec({ holderIdentity: 'b', leaseTransitions: 2, acquireTime: 'old' }, 'a', 15, now);
    expect(taken).toEqual({
      holderIdentity: 'a',
      leaseDurationSeconds: 15,
      acquireTime: '2025-01-02T03:04:05.678000Z',
      renewTime: '2025-01-02T03:04:05.678000Z',
      leaseTransitions: 3,
    });
    const later = new Date('2025-01-02T03:04:07Z');
    expect(claimedSpec(taken, 'a', 15, later)).toEqual({ ...taken, renewTime: '2025-01-02T03:04:07.000000Z' });
    expect(claimedSpec(undefined, 'a', 15, now).leaseTransitions).toBe(0);
    expect(claimedSpec(releasedSpec(taken, now), 'c', 15, now).leaseTransitions).toBe(3);
  });

  it('a released lease has no holder and a one-second duration', () => {
    expect(releasedSpec({ holderIdentity: 'a', leaseTransitions: 4 }, now)).toEqual({
      leaseDurationSeconds: 1,
      acquireTime: '2025-01-02T03:04:05.678000Z',
      renewTime: '2025-01-02T03:04:05.678000Z',
      leaseTransitions: 4,
    });
  });
});

describe('fresher', () => {
  const at = (rv: string) => ({ metadata: { name: 'x', resourceVersion: rv } });

  it('prefers the higher resource version, and the cache when versions cannot be compared', () => {
    const cached = at('99');
    const written = at('100');
    expect(fresher(cached, written)).toBe(written);
    expect(fresher(written, cached)).toBe(written);
    expect(fresher(at('abc'), written)?.metadata.resourceVersion).toBe('abc');
    expect(fresher(undefined, written)).toBe(written);
    expect(fresher(cached, undefined)).toBe(cached);
  });
});

describe('newerThan', () => {
  const at = (rv: string) => ({ metadata: { name: 'x', resourceVersion: rv } });

  it('is true only for a later version, or one that cannot be compared', () => {
    expect(newerThan(at('100'), at('99'))).toBe(true);
    expect(newerThan(at('99'), at('100'))).toBe(false);
    expect(newerThan(at('100'), at('100'))).toBe(false);
    expect(newerThan(at('100'), undefined)).toBe(true);
    expect(newerThan(at('abc'), at('100'))).toBe(true);
    expect(newerThan(at('100'), at('abc'))).toBe(true);
    // Beyond 2^53: compared exactly.
    expect(newerThan(at('9007199254740993'), at('9007199254740992'))).toBe(true);
  });
});
